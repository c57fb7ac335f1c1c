/**
 * How alike two item texts are, from 0 (nothing shared) to 1 (the same once case, spacing,
 * punctuation and markdown marks are set aside): the Dice coefficient of their character
 * bigrams, which forgives a fixed typo, a changed word and words moved around.
 */

/** The text compared: lower case, markdown marks and punctuation as spaces, spacing collapsed. */
function plainText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\[\^[^\]]*\]/g, ' ')
    .replace(/[`*_~[\]()>:;,.!?"'|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2);
    out.set(pair, (out.get(pair) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of two texts' bigrams; 1 for texts equal after {@link plainText}. */
export function textSimilarity(a: string, b: string): number {
  const x = plainText(a);
  const y = plainText(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const left = bigrams(x);
  const right = bigrams(y);
  let shared = 0;
  for (const [pair, count] of left) shared += Math.min(count, right.get(pair) ?? 0);
  return (2 * shared) / (x.length - 1 + (y.length - 1));
}
