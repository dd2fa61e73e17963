import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isIsoDay } from '../model/partial-date.js';

/** A web page's article: its main text without navigation, asides, footers or banners. */
export interface PageArticle {
  title: string | null;
  byline: string | null;
  /** YYYY-MM-DD from the page's own metadata, when it gives one. */
  date: string | null;
  /** Paragraphs separated by blank lines. */
  text: string;
}

/** Fewer characters than this is no article (Readability falls back to whatever text a page has). */
const MIN_ARTICLE_CHARS = 200;

const FURNITURE = [
  'nav', 'aside', 'footer', 'dialog', '[role="navigation"]', '[role="complementary"]', '[role="contentinfo"]', '[role="dialog"]', '[aria-modal="true"]',
  '[class*="cookie" i]', '[id*="cookie" i]', '[class*="consent" i]', '[id*="consent" i]', '[class*="gdpr" i]', '[class*="newsletter" i]', '[class*="subscribe" i]',
].join(', ');

/** Blocks whose text is a paragraph of the article. */
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td';

/**
 * The article of an HTML page, found by Readability (the Firefox Reader View's algorithm) on a
 * light DOM, and written out as paragraphs. Null when the page holds no article text.
 */
export function articleOfPage(html: string, url: string): PageArticle | null {
  const { document } = parseHTML(html);
  const date = pageDate(document);
  const metaTitle = document.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? null;
  // Page furniture Readability can take for article text when it holds a paragraph: consent
  // and cookie notices, sign-up boxes, dialogs, and navigation, asides and footers outside the article.
  for (const el of [...document.querySelectorAll(FURNITURE)]) if (!el.closest('article') || /cookie|consent|gdpr|newsletter|subscribe|paywall/i.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) el.remove();
  // Readability changes the document it reads: the date and title are read first.
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  if (!article?.content) return null;
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const paragraphs: string[] = [];
  for (const el of content.querySelectorAll(BLOCKS)) {
    // A block inside another block is read with its parent.
    if (el.parentElement?.closest(BLOCKS)) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
  }
  const text = (paragraphs.length ? paragraphs.join('\n\n') : (article.textContent ?? '').replace(/[ \t]+/g, ' ').trim());
  // A page of links and a line or two (an index, an error page) holds no article to store.
  if (text.length < MIN_ARTICLE_CHARS) return null;
  const published = article.publishedTime ? article.publishedTime.slice(0, 10) : null;
  void url;
  return {
    title: (article.title ?? metaTitle)?.trim() || null,
    byline: article.byline?.trim() || null,
    date: date ?? (published && isIsoDay(published) ? published : null),
    text,
  };
}

/** The publication day a page states in its metadata (article:published_time, a dated <time>, JSON-LD datePublished). */
function pageDate(document: ReturnType<typeof parseHTML>['document']): string | null {
  const candidates = [
    document.querySelector('meta[property="article:published_time"]')?.getAttribute('content'),
    document.querySelector('meta[name="date"]')?.getAttribute('content'),
    document.querySelector('meta[itemprop="datePublished"]')?.getAttribute('content'),
    document.querySelector('time[datetime]')?.getAttribute('datetime'),
  ];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? '');
    if (m) candidates.push(m[1]);
  }
  for (const c of candidates) {
    const day = c?.trim().slice(0, 10);
    if (day && isIsoDay(day)) return day;
  }
  return null;
}
