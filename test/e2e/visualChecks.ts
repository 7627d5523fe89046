/// <reference lib="dom" />
// The checks run inside the page (page.evaluate), where the DOM is.
import type { BrowserContext, Page } from 'playwright-core';

/**
 * What a user notices on a screenshot without reading it, checked in the page itself: errors in the
 * console, text too faint to read, text cut off by its box. The screenshot tests assert these, so a
 * picture taken to be looked at also fails when it shows something broken.
 */

/** Collects every page's console errors and uncaught exceptions from now on; read the array at the end. */
export function collectPageErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  context.on('weberror', (error) => errors.push(`uncaught: ${error.error().message}`));
  return errors;
}

export interface TextProblem {
  text: string;
  problem: string;
}

/**
 * Visible text whose contrast against the background behind it is below `minContrast` (WCAG's
 * ratio; 4.5 for body text, 3 for large text and UI labels), or whose box cuts it off without an
 * ellipsis. Disabled controls and placeholders are exempt, as WCAG exempts them.
 */
export function findTextProblems(page: Page, minContrast = 3): Promise<TextProblem[]> {
  return page.evaluate((min) => {
    const parse = (color: string): [number, number, number, number] => {
      const parts = color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]): number => {
      const channel = (v: number): number => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    };
    /** The first opaque background behind an element, blending half-transparent ones on the way. */
    const backgroundOf = (element: Element): number[] => {
      const layers: [number, number, number, number][] = [];
      for (let node: Element | null = element; node; node = node.parentElement) {
        const layer = parse(getComputedStyle(node).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      let [r, g, b] = [255, 255, 255];
      for (const [lr, lg, lb, la] of layers.reverse()) [r, g, b] = [lr * la + r * (1 - la), lg * la + g * (1 - la), lb * la + b * (1 - la)];
      return [r, g, b];
    };
    const problems: { text: string; problem: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      // Separators and dashes are decoration, not text to read.
      if (!element || !/[\p{L}\p{N}]/u.test(text) || checked.has(element)) continue;
      checked.add(element);
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      if (element.closest('[disabled], [aria-disabled="true"], svg')) continue;
      const color = parse(style.color);
      const [fore, back] = [luminance(color), luminance(backgroundOf(element))];
      const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
      // A faded colour (alpha) lowers contrast too: take it as the colour over its background.
      const effective = color[3] < 1 ? 1 + (ratio - 1) * color[3] : ratio;
      if (effective < min) problems.push({ text: text.slice(0, 60), problem: `contrast ${effective.toFixed(2)} < ${min}` });
      const clips = style.overflow === 'hidden' || style.overflowX === 'hidden';
      if (clips && element.scrollWidth > element.clientWidth + 1 && style.textOverflow !== 'ellipsis') {
        problems.push({ text: text.slice(0, 60), problem: `cut off: ${element.scrollWidth}px of text in a ${element.clientWidth}px box` });
      }
    }
    return problems;
  }, minContrast);
}
