/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { Session } from '../../../engine/session.js';
import { Buttons, FieldView, Sheet } from '../../components/sheet.js';
import { StyledTextLine } from '../../components/styled-text-line.js';
import { QUIT_CHOICES } from '../../shell/ui-state.js';
import { plainLine } from '../../text/styled-text.js';
import type { DialogState } from './state.js';
import { nodeSymbol } from '../../../model/node-symbol.js';

function editorTitle(session: Session, nodeId: number): string {
  const node = session.model.nodes[nodeId];
  const info = nodeSymbol(session.model, node);
  const range = info?.ranges.map((range) => range.name.replace(/^\[|\]$/g, '') + (range.condition ? ` if ${range.condition}` : '')).join('; ');
  return `${node?.prompt ?? ''} (CONFIG_${info?.name ?? ''}, ${info?.type ?? ''}${range ? `, range ${range}` : ''})`;
}

/** A dialog drawn as a framed sheet under the menu (or under the search results it was opened from). */
export function DialogSheet({
  dialog,
  session,
  unsaved,
  width,
  height,
}: {
  dialog: DialogState;
  session: Session;
  unsaved: string;
  width: number;
  height: number;
}) {
  const inner = width - 4;
  const note = (text: string) => <StyledTextLine line={plainLine(text, 'muted')} width={inner} />;
  switch (dialog.kind) {
    case 'editor':
    case 'file': {
      const title =
        dialog.kind === 'editor'
          ? editorTitle(session, dialog.node)
          : dialog.purpose === 'load'
            ? 'Load a config file (replaces the current values; u undoes it):'
            : 'Save a copy of the config as:';
      const hint =
        dialog.kind === 'file'
          ? 'Enter confirms, Esc cancels.'
          : dialog.fix
            ? 'Enter searches the fix for this value, Esc cancels.'
            : 'Enter sets the value, Tab finds the fix it needs, Esc cancels.';
      return (
        <Sheet title={title} width={width} height={height}>
          <FieldView text={dialog.field.text} caret={dialog.field.caret} width={inner} />
          {dialog.error ? <StyledTextLine line={plainLine(dialog.error, 'error')} width={inner} /> : note(hint)}
          {/* Under a refusal, the spare line (when the sheet has one) still says what Enter and Tab do. */}
          {dialog.error && height >= 6 ? note(hint) : null}
        </Sheet>
      );
    }
    case 'quit':
      return (
        <Sheet title={`${unsaved} to ${session.kernel.configPath}. Save before quitting?`} width={width} height={height}>
          <Buttons labels={['Save and quit', 'Quit without saving', 'Cancel']} chosen={QUIT_CHOICES.indexOf(dialog.choice)} />
          {note('y saves and quits, n quits without saving, Esc goes back.')}
        </Sheet>
      );
    case 'overwrite':
      return (
        <Sheet title={`${dialog.path} changed on disk since tuxconf loaded it.`} width={width} height={height}>
          <StyledTextLine
            line={plainLine('y overwrites it with this configuration, r reads it again and applies your changes to it,', 'heading')}
            width={inner}
          />
          <StyledTextLine line={plainLine('n keeps the file as it is (w saves elsewhere).', 'heading')} width={inner} />
        </Sheet>
      );
    default:
      return null;
  }
}
