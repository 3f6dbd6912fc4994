import { readFile, writeFile } from 'node:fs/promises';

export const BUILD_BENCH_REPORT = '/tmp/bench-build.md';

/**
 * Writes one benchmark's section into the build benchmarks report, keeping the other sections,
 * so bench/build-ingest.ts and bench/build-wall.ts can run in any order.
 */
export async function writeReportSection(name: string, markdown: string): Promise<void> {
  const previous = await readFile(BUILD_BENCH_REPORT, 'utf8').catch(() => '');
  const sections = new Map<string, string>();
  for (const match of previous.matchAll(/<!-- section (\S+) -->\n([^]*?)<!-- end \1 -->\n/g)) sections.set(match[1] as string, match[2] as string);
  sections.set(name, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  const body = [...sections.keys()].sort().map((key) => `<!-- section ${key} -->\n${sections.get(key)}<!-- end ${key} -->\n`);
  await writeFile(BUILD_BENCH_REPORT, `## BENCHMARKS: build (tuxconf build, log ingestion)\n\n${body.join('\n')}`);
}
