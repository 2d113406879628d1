/**
 * Turns what a person typed into a prefix-matching tsquery text (`clean:* & wat:*`), or null when
 * it holds no word. Only letters and digits survive, so the result is always a valid tsquery.
 */
export function prefixTsQuery(text: string | null | undefined): string | null {
  const words =
    (text ?? '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? [];
  return words.length === 0 ? null : words.map((w) => `${w.slice(0, 64)}:*`).join(' & ');
}
