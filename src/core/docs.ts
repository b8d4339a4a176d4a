/**
 * Generated reference pages (docs/*.md) are compared with the generator's output in
 * tests, so they cannot drift. They are committed Prettier-formatted, as lint requires.
 */

/** Format Markdown with the repository's Prettier settings (a development dependency). */
export async function formatMarkdown(markdown: string, file: string): Promise<string> {
  // Imported only when docs are (re)generated or tested, never at run time.
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(markdown, { ...config, filepath: file });
}
