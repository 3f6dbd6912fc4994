/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { join } from 'node:path';
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { CatalogStatus } from './use-preset-catalog.js';
import { detailLines, detailTitle, listSummary, outcomeSummary, type PresetsOutcome } from './lines.js';
import { type CreateForm, presetsPaneLayout, type PresetsPaneState } from './state.js';
import { nameColumn, type PresetDirs, type PresetRow, presetRowText, tildePath } from './rows.js';
import { fit } from '../../text/fit.js';
import { plainLine, type StyledLine } from '../../text/styled-text.js';
import { InfoPane } from '../../components/info-pane.js';
import { PageLines } from '../../components/page-lines.js';
import { Sheet } from '../../components/sheet.js';
import { StyledTextLine } from '../../components/styled-text-line.js';
import { useTheme } from '../../components/theme.js';

/** What the pane draws: its state from usePresetsPane, and where it is drawn. */
export interface PresetsContentProps {
  state: PresetsPaneState;
  catalog: CatalogStatus;
  /** null until the presets are read. */
  rows: PresetRow[] | null;
  outcome: PresetsOutcome;
  /** The outcome page, wrapped to the pane's width. */
  outcomeLines: StyledLine[];
  /** The outcome was computed on other values than the config has now. */
  stale: boolean;
  dirs: PresetDirs;
  /** The defconfig a new preset can be saved against (KBUILD_DEFCONFIG, else the arch's first). */
  defconfig: string | null;
  /** Presets applied from this pane whose step is still in the session's history (x takes them back). */
  appliedKeys: ReadonlySet<string>;
  srcTree: string;
  width: number;
  height: number;
}

/**
 * Fragment presets: the catalog grouped by origin with how far the config satisfies each, the
 * highlighted preset's details, and the preview (or outcome) of the chosen presets. Only the rows
 * on screen are drawn.
 */
export function PresetsContent(props: PresetsContentProps) {
  const { state, width, height } = props;
  if (state.page === 'outcome') {
    const summary = outcomeSummary(props.outcome, props.stale);
    return (
      <Box flexDirection="column" width={width} height={height}>
        <StyledTextLine line={plainLine(summary.text, summary.tone)} width={width} />
        <PageLines lines={props.outcomeLines} top={state.outcomeTop} width={width} height={height - 1} />
      </Box>
    );
  }
  return <PresetsList {...props} />;
}

function PresetsList({ state, catalog, rows, dirs, defconfig, appliedKeys, srcTree, width, height }: PresetsContentProps) {
  const layout = presetsPaneLayout(height, state.create !== null);
  const listBox = (children: ReactNode) => (
    <Box flexDirection="column" width={width} height={layout.list}>
      {children}
    </Box>
  );
  let header: StyledLine;
  let list: ReactNode;
  if (!rows) {
    header =
      catalog.kind === 'failed'
        ? plainLine(`Cannot read the presets: ${catalog.error}`, 'error')
        : plainLine('Reading the presets of this tree and yours...', 'muted');
    list = listBox(<Text dimColor>{fit(catalog.kind === 'failed' ? '  r tries again, Esc closes.' : ' ', width)}</Text>);
  } else {
    const count = rows.filter((row) => row.kind === 'preset').length;
    header = plainLine(listSummary(count, state.marked.length), 'heading');
    const nameWidth = nameColumn(rows);
    const shown = rows.slice(state.top, state.top + layout.list);
    const filler = Math.max(0, layout.list - shown.length);
    list = listBox(
      <>
        {shown.map((row, index) => {
          const at = state.top + index;
          const cursor = at === state.cursor;
          const order = row.kind === 'preset' ? state.marked.indexOf(row.key) + 1 : 0;
          const text = presetRowText(row, order, nameWidth, width - 1);
          return (
            <Text
              key={row.kind === 'preset' ? row.key : `${row.kind}-${at}`}
              wrap="truncate"
              inverse={cursor}
              bold={row.kind === 'heading'}
              dimColor={row.kind === 'note' && row.tone === 'muted'}
            >
              {`${cursor ? '>' : ' '}${text}`}
            </Text>
          );
        })}
        {Array.from({ length: filler }, (_, index) => (
          <Text key={`pad-${index}`}> </Text>
        ))}
      </>,
    );
  }
  const selected = rows?.[state.cursor];
  const detail =
    layout.detail > 0 ? (
      selected?.kind === 'preset' ? (
        <InfoPane
          title={detailTitle(selected.listing)}
          lines={detailLines(selected.listing, srcTree, appliedKeys.has(selected.key), width)}
          width={width}
          height={layout.detail}
        />
      ) : (
        <InfoPane title="" lines={[]} width={width} height={layout.detail} />
      )
    ) : null;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <StyledTextLine line={header} width={width} />
      {list}
      {detail}
      {state.create && layout.sheet > 0 ? <CreateSheet form={state.create} dirs={dirs} defconfig={defconfig} width={width} height={layout.sheet} /> : null}
    </Box>
  );
}

/** One choice line of the create prompt: `Format:   [ fragment ]  guix`. */
function Choice({ label, options, chosen, focused }: { label: string; options: string[]; chosen: number; focused: boolean }) {
  return (
    <Text wrap="truncate">
      <Text bold={focused}>{`${focused ? '>' : ' '} ${label.padEnd(9)}`}</Text>
      {options.map((option, index) => (
        <Text key={option} inverse={index === chosen && focused} bold={index === chosen}>
          {index === chosen ? `[ ${option} ]` : `  ${option}  `}
          {'  '}
        </Text>
      ))}
    </Text>
  );
}

/** The typed name with its caret drawn inverse (as `_` at the end) while it has the focus. */
function NameField({ text, caret, focused, width }: { text: string; caret: number; focused: boolean; width: number }) {
  const room = Math.max(4, width);
  const start = Math.max(0, caret - room + 1);
  const visible = text.slice(start, start + room);
  if (!focused) return <Text>{visible}</Text>;
  const at = caret - start;
  return (
    <Text>
      {visible.slice(0, at)}
      <Text inverse>{visible[at] ?? '_'}</Text>
      {visible.slice(at + 1)}
    </Text>
  );
}

function CreateSheet({
  form,
  dirs,
  defconfig,
  width,
  height,
}: {
  form: CreateForm;
  dirs: PresetDirs;
  defconfig: string | null;
  width: number;
  height: number;
}) {
  const theme = useTheme();
  const inner = Math.max(10, width - 4);
  const name = form.field.text.trim() || 'NAME';
  const file = tildePath(join(dirs.user, `${name}${form.format === 'guix' ? '.scm' : '.config'}`));
  const footer = form.error ? plainLine(form.error, 'error') : plainLine(`saves ${file}; Tab next field, ←→ change, Enter saves, Esc cancels`, 'muted');
  return (
    <Sheet title="Save the current changes as a new preset" width={width} height={height}>
      <Text wrap="truncate">
        <Text bold={form.focus === 'name'} color={form.focus === 'name' ? theme.accent : undefined}>
          {`${form.focus === 'name' ? '>' : ' '} ${'Name:'.padEnd(9)}`}
        </Text>
        <NameField text={form.field.text} caret={form.field.caret} focused={form.focus === 'name'} width={inner - 11} />
      </Text>
      <Choice label="Format:" options={['fragment', 'guix']} chosen={form.format === 'fragment' ? 0 : 1} focused={form.focus === 'format'} />
      <Choice
        label="Against:"
        options={['the loaded config', defconfig ?? 'no defconfig']}
        chosen={form.against === 'loaded' ? 0 : 1}
        focused={form.focus === 'against'}
      />
      <StyledTextLine line={footer} width={inner} />
    </Sheet>
  );
}
