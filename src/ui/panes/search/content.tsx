/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { infoBody, infoTitle } from '../../text/node-info.js';
import { escapeControl } from '../../../model/escape-text.js';
import { fit } from '../../text/fit.js';
import { fieldWindow } from '../../text/text-field.js';
import { resultLines, searchStatus } from './lines.js';
import { searchPaneLayout } from './state.js';
import type { SearchContentProps } from './extension.js';
import { plainLine } from '../../text/styled-text.js';
import { InfoPane } from '../../components/info-pane.js';

const HELLO = [
  'Type what you remember: a name (CONFIG_ is optional), words of the prompt,',
  'a vendor and a chip, a word of the help text. Typos are forgiven.',
  'Down goes to the results: y/m/n/space set a value, ? help, e why,',
  'Enter shows the entry in its menu.',
];

/** The query line: the text with its caret, or all of it marked when the next key replaces it; control characters show escaped. */
function QueryLine({
  text,
  caret,
  focused,
  replace,
  status,
  width,
}: {
  text: string;
  caret: number;
  focused: boolean;
  replace: boolean;
  status: string;
  width: number;
}) {
  const label = 'Search: ';
  const right = `  ${status}`;
  const room = Math.max(8, width - label.length - right.length - 1);
  const withCaret = focused && !replace;
  const shown = fieldWindow({ text, caret: withCaret ? caret : text.length }, room);
  const used = label.length + shown.before.length + (withCaret ? Math.max(1, shown.atCaret.length) : shown.atCaret.length) + shown.after.length;
  const pad = ' '.repeat(Math.max(0, width - used - right.length));
  return (
    <Text wrap="truncate">
      <Text bold>{label}</Text>
      {withCaret ? (
        <>
          {shown.before}
          <Text inverse>{shown.atCaret || ' '}</Text>
          {shown.after}
        </>
      ) : (
        <Text inverse={replace && focused}>{shown.before + shown.atCaret + shown.after}</Text>
      )}
      {pad}
      <Text dimColor>{right}</Text>
    </Text>
  );
}

/** One line of the result list and how it is drawn. */
interface ListRow {
  text: string;
  inverse: boolean;
  bold: boolean;
  dim: boolean;
}

/**
 * Search over every symbol: the query, two lines per result (name=value, prompt and a badge
 * when it cannot be changed now; its menu path), and the info pane of the highlighted result.
 * Only the results on screen are drawn.
 */
export function SearchContent({ model, config, state, results, searching = false, error, explanation, width, height }: SearchContentProps) {
  const layout = searchPaneLayout(height);
  const query = state.field.text;
  const total = results?.total ?? 0;
  const status = error ? 'no index' : searching && query.trim() !== '' ? 'searching...' : searchStatus(query, results === null, model.symbols.length, total);
  const shown = (results?.results ?? []).slice(state.top, state.top + layout.perPage);
  const selected = results?.results[state.cursor];
  const inResults = state.focus === 'results';
  const rows: ListRow[] = shown.flatMap((result, index) => {
    const cursor = state.top + index === state.cursor;
    const [first, second] = resultLines(result, width - 1);
    return [
      { text: `${cursor ? '>' : ' '}${first}`, inverse: cursor && inResults, bold: cursor, dim: false },
      { text: ` ${second}`, inverse: cursor && inResults, bold: false, dim: !cursor },
    ];
  });
  const empty = error
    ? [`Search is unavailable: ${error}`]
    : results === null
      ? ['Reading every symbol of the tree...']
      : query.trim() === ''
        ? HELLO
        : [`No symbol matches "${escapeControl(query.trim())}".`];
  if (rows.length === 0)
    rows.push(...empty.slice(0, layout.listRows).map((line) => ({ text: fit(`  ${line}`, width), inverse: false, bold: false, dim: true })));
  const node = selected ? selected.node : -1;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <QueryLine text={query} caret={state.field.caret} focused={!inResults} replace={state.replace} status={status} width={width} />
      <Box flexDirection="column" width={width} height={layout.listRows}>
        {/* One Text per line of the list, keyed by place: the next keystroke's results update them instead of replacing them. */}
        {Array.from({ length: layout.listRows }, (_, index) => {
          const row = rows[index];
          return (
            <Text key={index} wrap="truncate" inverse={row?.inverse ?? false} bold={row?.bold ?? false} dimColor={row?.dim ?? false}>
              {row?.text || ' '}
            </Text>
          );
        })}
      </Box>
      {layout.info > 0 ? (
        selected && node >= 0 ? (
          <InfoPane
            title={infoTitle(model, config, node)}
            lines={infoBody(model, config, node, explanation, width, layout.info - 1)}
            width={width}
            height={layout.info}
          />
        ) : (
          <InfoPane
            title={selected ? `CONFIG_${selected.name}` : ''}
            lines={selected ? [plainLine('No menu entry: only defaults and selects set it.', 'muted')] : []}
            width={width}
            height={layout.info}
          />
        )
      ) : null}
    </Box>
  );
}
