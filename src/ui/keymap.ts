import { type Binding, bind, type Hint } from './input/bindings.js';

/**
 * Every key of the TUI, one table per pane and mode: which action a key asks for, the hint the
 * hint line shows for it, and the help page's text. The bindings, the hint line and the help
 * page's key list all come from here; each pane's `state.ts` says what an action does there.
 * Within a table a key's actions are tried in order until one applies (`y` in a choice picks
 * the member; on a menu it sets the value; on a menu title it is a hotkey).
 */

const MOVE = 'move';
const PAGE = 'one page';
const HALF = 'half a page';
const EDGE = 'first / last entry';

/** The keys that move a cursor or scroll, the same in every list and page. */
function navigation(hint?: Hint) {
  return [
    bind('up', ['Up', 'k'], hint ? { hint, help: MOVE } : { help: MOVE }),
    bind('down', ['Down', 'j'], { help: MOVE }),
    bind('page-up', ['PgUp', 'Ctrl-b'], { help: PAGE }),
    bind('page-down', ['PgDn', 'Ctrl-f'], { help: PAGE }),
    bind('half-up', ['Ctrl-u'], { help: HALF }),
    bind('half-down', ['Ctrl-d'], { help: HALF }),
    bind('first', ['Home', 'g'], { help: EDGE }),
    bind('last', ['End', 'G'], { help: EDGE }),
  ];
}

export type NavigationAction = ReturnType<typeof navigation>[number]['action'];

const BACK = 'back; Esc Esc at the top quits';
const SET = 'set bool/tristate to y, m or n';

/** Ctrl-l: a whole new frame, in every pane. */
export const GLOBAL_KEYS = [bind('repaint', ['Ctrl-l'], { help: 'draw the whole screen again (on every screen)' })];

const MENU = [
  ...navigation(),
  bind('hotkey', ['letter-or-digit'], { help: 'next entry starting with it (keys below win)' }),
  bind('open', ['Enter', 'Right', 'l'], { hint: ['⏎', 'open', 1], help: 'open a menu, choice or menuconfig entry; Enter edits a value' }),
  bind('back', ['Left', 'h'], { hint: ['←', 'back', 2], help: BACK }),
  bind('back-or-quit', ['Esc Esc'], { help: BACK }),
  bind('escape', ['Esc']),
  bind('set-y', ['y'], { hint: ['y/m/n', 'set', 3], help: SET }),
  bind('set-m', ['m'], { help: SET }),
  bind('set-n', ['n'], { help: SET }),
  bind('cycle', ['Space'], { help: 'next value (n -> m -> y), or edit a string/number' }),
  bind('help', ['?', 'F1'], { hint: ['?', 'help', 5], help: 'help of the entry (f folds and unfolds long lists)' }),
  bind('why', ['e'], {
    hint: ['e', 'why', 6],
    help: 'why can this not be changed? and the fix: f applies it as one step, y/m/n ask one for another value (Enter on a reason shows it in its menu)',
  }),
  bind('info', ['i'], { hint: ['i', 'info', 16], help: 'info pane on/off' }),
  bind('show-all', ['a'], { hint: ['a', 'all', 14], help: 'show all entries, hidden ones dimmed' }),
  bind('names', ['c'], { hint: ['c', 'names', 15], help: 'show CONFIG_ names' }),
  bind('undo', ['u', 'Ctrl-z'], { hint: ['u', 'undo', 7], help: 'undo' }),
  bind('redo', ['Ctrl-r', 'Ctrl-y'], { help: 'redo' }),
  bind('changes', ['p'], { hint: ['p', 'changes', 10], help: 'your changes with what came with them (r reverts one, f unfolds, Enter shows it in its menu)' }),
  bind('search', ['/'], {
    hint: ['/', 'search', 4],
    help: 'search every symbol; Down goes to the results, where y/m/n/space set, ? helps, e explains, Enter shows it in its menu',
  }),
  bind('hardware', ['d'], {
    hint: ['d', 'hardware', 11],
    help: 'hardware suggestions: Enter or y shows the fix that accepts one as a diff, space marks several, A all; Enter there applies it (one undoable step), i lists the inputs',
  }),
  bind('presets', ['F'], {
    hint: ['F', 'presets', 12],
    help: 'presets: fragments and defconfigs; space marks, Enter previews, a applies (one undoable step), x takes back, c saves the changes as one; f fixes the requests that do not stick too',
  }),
  bind('checks', ['C'], {
    hint: ['C', 'checks', 19],
    help: 'requirement checks (guix-initrd, containers, systemd, boot, yours): each profile and entry with why it is off; f shows the fix as a diff, Enter applies it (one undoable step)',
  }),
  bind('build', ['B'], {
    hint: ['B', 'build', 13],
    help: 'build: asks for the target and -j, saves (asking first), runs make and streams its log; w warnings and errors, n/N next/previous, Enter shows one, c or Ctrl-c cancels',
  }),
  bind('upgrade', ['v'], {
    help: 'upgrade review of a config written by another kernel release: lost values (f fixes with what they need, F all, a accepts), new options by menu (Enter keeps the default, A the whole menu), changed defaults',
  }),
  bind('save', ['s', 'Ctrl-s'], { hint: ['s', 'save', 8], help: 'save' }),
  bind('save-as', ['w'], { hint: ['w', 'save as', 17], help: 'save a copy as...' }),
  bind('load', ['o'], { hint: ['o', 'load', 18], help: 'load another config (one undoable step)' }),
  ...GLOBAL_KEYS,
  bind('quit', ['q', 'Ctrl-c'], { hint: ['q', 'quit', 9], help: 'quit (asks when changes are unsaved)' }),
  bind('paste', ['paste']),
];

/** A table with only the hints of `actions` kept (the same keys, fewer hints). */
function hintsOnly<A extends string>(table: readonly Binding<A>[], actions: readonly A[]): Binding<A>[] {
  return table.map((binding) => (binding.hint && !actions.includes(binding.action) ? { action: binding.action, keys: binding.keys } : binding));
}

/** A choice's own screen: Enter, Right, l, space and y pick the member under the cursor. */
const CHOICE = [
  bind('choose', ['Enter', 'Right', 'l', 'Space', 'y'], { hint: ['⏎', 'choose', 1] }),
  ...hintsOnly(MENU, ['back', 'help', 'why', 'undo', 'save', 'quit']),
];

const HELP = [
  ...navigation(['↑↓', 'scroll']),
  bind('page-down', ['Space']),
  bind('fold', ['f', 'Enter', 'Tab'], { hint: ['f', 'fold/unfold lists'] }),
  bind('why', ['e'], { hint: ['e', 'why'] }),
  bind('quit', ['Ctrl-c']),
  bind('close', ['Esc', 'Esc Esc', 'Left', 'F1', 'q', 'h', '?'], { hint: ['Esc', 'close'] }),
];

/** The fix the why page offers under the reasons: f applies it, y/m/n ask for a fix to another value. */
const FIX_OFFER = 'a fix for this value instead (the why page searches one for a locked symbol)';
/** The fix keys; `f` is hinted only while a fix is on the page to apply (`hinted`), or a value to type for one. */
function fixKeys(hinted: boolean | 'ask') {
  return [
    bind('apply-fix', ['f'], hinted ? { hint: ['f', hinted === 'ask' ? 'value to fix for' : 'apply fix'] } : {}),
    bind('want-y', ['y'], { help: FIX_OFFER }),
    bind('want-m', ['m'], { help: FIX_OFFER }),
    bind('want-n', ['n'], { help: FIX_OFFER }),
    bind('want-value', ['='], { help: 'an int, hex or string: type the value to search a fix for (the value editor)' }),
  ];
}

/** The why page with reasons to follow; `hinted`: with a fix to apply, or (`ask`) a value to type for one. */
function why(hinted: boolean | 'ask') {
  return [
    ...navigation(['↑↓', 'move']),
    ...fixKeys(hinted),
    bind('show', ['Enter', 'Right', 'l'], { hint: ['⏎', 'show it in its menu'] }),
    bind('why', ['e'], { hint: ['e', 'why it is so'] }),
    bind('quit', ['Ctrl-c']),
    // As before reasons could be followed: any other key closes the page.
    bind('close', ['Esc', 'Esc Esc', 'Left', 'h', 'q', 'any'], { hint: ['Esc', 'close'] }),
  ];
}

const WHY = why(false);

/** A why page without reasons to follow (nothing blocks the symbol, or it has no prompt): it only scrolls. */
const WHY_PAGE = [
  ...navigation(['↑↓', 'scroll']),
  ...fixKeys(false),
  bind('quit', ['Ctrl-c']),
  bind('close', ['Esc', 'Esc Esc', 'Left', 'h', 'q', 'any'], { hint: ['Esc', 'close'] }),
];

const CHANGES = [
  ...navigation(['↑↓', 'move']),
  bind('revert', ['r', 'Delete', 'Backspace'], { hint: ['r', 'revert'] }),
  bind('show', ['Enter', 'Right', 'l'], { hint: ['⏎', 'show in menu'] }),
  bind('fold', ['f', 'Space', 'Tab'], { hint: ['f', 'unfold'] }),
  bind('why', ['e']),
  bind('undo', ['u'], { hint: ['u', 'undo'] }),
  bind('redo', ['Ctrl-r']),
  bind('save', ['s', 'Ctrl-s'], { hint: ['s', 'save'] }),
  bind('quit', ['Ctrl-c']),
  bind('close', ['Esc', 'Esc Esc', 'Left', 'q', 'h', 'p'], { hint: ['Esc', 'close'] }),
];

const PREVIOUS_CHOICE = ['Left', 'Up', 'S-Tab', 'h', 'k'];
const NEXT_CHOICE = ['Right', 'Down', 'Tab', 'l', 'j'];

const QUIT_DIALOG = [
  bind('previous', PREVIOUS_CHOICE),
  bind('next', NEXT_CHOICE),
  bind('answer', ['Enter']),
  bind('save', ['y', 's'], { hint: ['y', 'save and quit'] }),
  // A second Ctrl+C leaves without saving, as in most terminal programs.
  bind('discard', ['n', 'd', 'Ctrl-c'], { hint: ['n', 'quit without saving'] }),
  bind('cancel', ['Esc', 'Esc Esc', 'c', 'q'], { hint: ['Esc', 'cancel'] }),
];

const OVERWRITE_DIALOG = [
  bind('overwrite', ['y', 'o'], { hint: ['y', 'overwrite'] }),
  bind('reload', ['r'], { hint: ['r', 'reload and apply again', 3] }),
  bind('quit', ['Ctrl-c']),
  bind('cancel', ['Esc', 'Esc Esc', 'n', 'q', 'Enter'], { hint: ['n', 'cancel'] }),
];

/** A text field: the keys named here, and every other key edits the text. */
function fieldKeys(commit: string) {
  return [
    bind('commit', ['Enter'], { hint: ['⏎', commit] }),
    bind('cancel', ['Esc', 'Esc Esc', 'Ctrl-c'], { hint: ['Esc', 'cancel'] }),
    bind('edit', ['Left', 'Right'], commit === 'set' ? { hint: ['←→', 'move'] } : {}),
    bind('edit', ['Ctrl-u'], { hint: ['^U', 'clear to start'] }),
  ];
}

const RESTORE_DIALOG = [
  bind('restore', ['r', 'Enter'], { hint: ['r/⏎', 'restore'] }),
  bind('discard', ['d'], { hint: ['d', 'discard'] }),
  bind('quit', ['Ctrl-c']),
  bind('keep', ['Esc', 'Esc Esc', 'q'], { hint: ['Esc', 'decide later'] }),
  ...navigation(['↑↓', 'scroll']),
];

/** Keys every mode of the search pane takes. */
const SEARCH_COMMON = [
  bind('quit', ['Ctrl-c']),
  bind('close', ['Esc Esc'], { hint: ['Esc Esc', 'close', 8] }),
  bind('undo', ['Ctrl-z']),
  bind('redo', ['Ctrl-r', 'Ctrl-y']),
  bind('help', ['F1'], { hint: ['F1', 'help', 5] }),
];

const SEARCH_QUERY = [
  bind('show', ['Enter'], { hint: ['⏎', 'show in menu', 1] }),
  bind('results', ['Down', 'Tab'], { hint: ['↓', 'results', 2] }),
  bind('close', ['Esc'], { hint: ['Esc', 'close', 3] }),
  bind('edit', ['Ctrl-u'], { hint: ['^U', 'clear', 4] }),
  bind('page-into-results', ['PgDn', 'PgUp']),
  bind('ignore', ['Up']),
  ...hintsOnly(SEARCH_COMMON, ['help']),
];

const SEARCH_RESULTS = [
  ...hintsOnly(SEARCH_COMMON, ['close']),
  ...navigation(),
  bind('query', ['/'], { hint: ['/', 'query', 5] }),
  bind('query', ['Esc', 'Left', 'Tab', 'h'], { hint: ['Esc', 'query', 7] }),
  bind('query-edit', ['Backspace', 'paste']),
  bind('undo', ['u'], { hint: ['u', 'undo', 6] }),
  bind('show', ['Enter', 'Right', 'l'], { hint: ['⏎', 'show in menu', 1] }),
  bind('help', ['?'], { hint: ['?', 'help', 3] }),
  bind('why', ['e', 'f'], { hint: ['e', 'why', 4] }),
  bind('set-y', ['y'], { hint: ['y/m/n', 'set', 2] }),
  bind('set-m', ['m']),
  bind('set-n', ['n']),
  bind('cycle', ['Space']),
  bind('typed', ['printable']),
];

const HARDWARE_COMMON = [
  bind('quit', ['Ctrl-c']),
  bind('close', ['Esc Esc', 'd']),
  bind('undo', ['u', 'Ctrl-z'], { hint: ['u', 'undo', 4] }),
  bind('redo', ['Ctrl-r', 'Ctrl-y']),
  bind('reread', ['r'], { hint: ['r', 'read again', 10] }),
];

const HARDWARE_LIST = [
  ...HARDWARE_COMMON,
  bind('report', ['i'], { hint: ['i', 'inputs', 5] }),
  bind('close', ['Esc', 'Left', 'h', 'q'], { hint: ['Esc', 'close', 7] }),
  ...navigation(),
  bind('accept-all', ['A'], { hint: ['A', 'accept all', 3] }),
  bind('mark', ['Space'], { hint: ['space', 'mark', 2] }),
  bind('accept', ['Enter', 'y'], { hint: ['⏎/y', 'accept', 1] }),
  bind('help', ['?', 'F1'], { hint: ['?', 'help', 8] }),
  bind('why', ['e'], { hint: ['e', 'why', 9] }),
  bind('show', ['Right', 'l'], { hint: ['→', 'in menu', 6] }),
];

const HARDWARE_REPORT = [
  ...navigation(['↑↓', 'scroll', 1]),
  ...hintsOnly(HARDWARE_COMMON, []),
  bind('list', ['Esc', 'Left', 'h', 'q', 'i'], { hint: ['Esc', 'back to the list', 2] }),
  bind('close', [], { hint: ['d', 'close', 3] }),
];

/** Accepting drivers on a config without module support: modules (MODULES on) or built in? */
const HARDWARE_MODULES = [
  bind('as-modules', ['m', 'Enter'], { hint: ['m/⏎', 'as modules', 1] }),
  bind('built-in', ['y', 'b'], { hint: ['y', 'built in', 2] }),
  bind('quit', ['Ctrl-c']),
  bind('list', ['Esc', 'Esc Esc', 'Left', 'h', 'q', 'n'], { hint: ['Esc', 'back to the list', 3] }),
];

/** The fix that accepting suggestions would apply, as a diff: Enter applies it as one step. */
const HARDWARE_PLAN = [
  ...HARDWARE_COMMON,
  bind('list', ['Esc', 'Left', 'h', 'q'], { hint: ['Esc', 'back to the list', 3] }),
  bind('apply', ['Enter', 'a', 'y'], { hint: ['⏎/a', 'apply as one step', 1] }),
  ...navigation(['↑↓', 'scroll', 2]),
];

const PRESETS_COMMON = [
  bind('quit', ['Ctrl-c']),
  bind('close', ['Esc Esc', 'F']),
  bind('undo', ['u', 'Ctrl-z'], { hint: ['u', 'undo', 7] }),
  bind('redo', ['Ctrl-r', 'Ctrl-y']),
];

const PRESETS_LIST = [
  ...PRESETS_COMMON,
  bind('close', ['Esc', 'Left', 'h', 'q'], { hint: ['Esc', 'close', 6] }),
  bind('reload', ['r'], { hint: ['r', 'read again', 8] }),
  bind('create', ['c'], { hint: ['c', 'new preset', 5] }),
  ...navigation(),
  bind('unapply', ['x'], { hint: ['x', 'take back', 4] }),
  bind('mark', ['Space'], { hint: ['space', 'mark', 1] }),
  bind('preview', ['Enter', 'Right', 'l', 'v'], { hint: ['⏎', 'preview', 2] }),
  bind('apply', ['a'], { hint: ['a', 'apply', 3] }),
];

const PRESETS_PREVIEW = [
  ...PRESETS_COMMON,
  bind('list', ['Esc', 'Left', 'h', 'q', 'v'], { hint: ['Esc', 'back to the list', 8] }),
  bind('apply', ['Enter', 'a'], { hint: ['⏎/a', 'apply', 1] }),
  bind('fix', ['f'], { hint: ['f', 'fix them too', 3] }),
  ...navigation(['↑↓', 'scroll', 2]),
];

const PRESETS_CREATE = [
  bind('quit', ['Ctrl-c']),
  bind('cancel', ['Esc', 'Esc Esc'], { hint: ['Esc', 'cancel', 4] }),
  bind('save', ['Enter'], { hint: ['⏎', 'save', 1] }),
  bind('next-field', ['Tab', 'Down'], { hint: ['Tab', 'next field', 2] }),
  bind('previous-field', ['S-Tab', 'Up']),
  bind('change', ['Left', 'Right', 'Space', 'h', 'l'], { hint: ['←→', 'change', 3] }),
];

const CHECKS_COMMON = [
  bind('quit', ['Ctrl-c']),
  bind('close', ['Esc Esc', 'C']),
  bind('undo', ['u', 'Ctrl-z'], { hint: ['u', 'undo', 4] }),
  bind('redo', ['Ctrl-r', 'Ctrl-y']),
];

const CHECKS_LIST = [
  ...CHECKS_COMMON,
  bind('close', ['Esc', 'Left', 'h', 'q'], { hint: ['Esc', 'close', 6] }),
  bind('reload', ['r'], { hint: ['r', 'read again', 7] }),
  ...navigation(),
  bind('fix', ['f'], { hint: ['f', 'fix', 1] }),
  bind('fix-recommended', ['R'], { hint: ['R', 'fix +recommended', 3] }),
  bind('show', ['Enter', 'Right', 'l'], { hint: ['⏎', 'in menu', 2] }),
];

const CHECKS_PLAN = [
  ...CHECKS_COMMON,
  bind('list', ['Esc', 'Left', 'h', 'q'], { hint: ['Esc', 'back to the list', 3] }),
  bind('apply', ['Enter', 'a'], { hint: ['⏎/a', 'apply as one step', 1] }),
  ...navigation(['↑↓', 'scroll', 2]),
];

const BUILD_FORM = [
  bind('start', ['Enter'], { hint: ['⏎', 'build'] }),
  bind('next-field', ['Tab', 'Down', 'S-Tab', 'Up'], { hint: ['Tab', 'next field'] }),
  bind('cancel', ['Esc', 'Esc Esc', 'Ctrl-c'], { hint: ['Esc', 'cancel'] }),
];

const BUILD_ASK_SAVE = [
  bind('previous', PREVIOUS_CHOICE),
  bind('next', NEXT_CHOICE),
  bind('answer', ['Enter']),
  bind('save', ['y', 's'], { hint: ['y', 'save and build'] }),
  bind('as-is', ['n', 'b'], { hint: ['n', 'build the saved file'] }),
  bind('cancel', ['Esc', 'Esc Esc', 'c', 'q', 'Ctrl-c'], { hint: ['Esc', 'cancel'] }),
];

const BUILD_ASK_OVERWRITE = [
  bind('overwrite', ['y', 'o'], { hint: ['y', 'overwrite and build'] }),
  bind('cancel', ['Esc', 'Esc Esc', 'Enter', 'n', 'q', 'Ctrl-c'], { hint: ['n', 'cancel'] }),
];

const BUILD_NOT_STARTED = [
  bind('retry', ['r'], { hint: ['r', 'try again'] }),
  bind('close', ['Esc', 'Esc Esc', 'Enter', 'q', 'Ctrl-c'], { hint: ['Esc', 'close'] }),
];

const BUILD_STOP_QUESTION = [
  bind('previous', PREVIOUS_CHOICE),
  bind('next', NEXT_CHOICE),
  bind('stop', ['y', 's', 'Ctrl-c'], { hint: ['y', 'stop the build and close'] }),
  bind('answer', ['Enter']),
  bind('keep', ['n', 'q', 'Esc', 'Esc Esc'], { hint: ['n', 'keep building'] }),
];

/** The log while make runs and after it ended (the hints differ: c cancels, r builds again). */
function buildLog(running: boolean) {
  return [
    bind('interrupt', ['Ctrl-c']),
    bind('close', ['Esc Esc']),
    bind('back', ['q'], { hint: ['q', 'close', 9] }),
    bind('escape', ['Esc']),
    bind('cancel', ['c'], running ? { hint: ['c', 'cancel', 1] } : {}),
    bind('next', ['n'], { hint: ['n/N', 'next/prev', 6] }),
    bind('previous', ['N']),
    ...navigation(['↑↓', 'scroll', 2]).map((binding) => (binding.action === 'last' && running ? { ...binding, hint: ['G', 'follow', 3] as const } : binding)),
    bind('page-down', ['Space']),
    bind('filter', ['w'], { hint: ['w', 'warnings+errors', 5] }),
    bind('show', ['Enter'], { hint: ['⏎', 'show', 7] }),
    bind('retry', ['r'], running ? {} : { hint: ['r', 'build again', 8] }),
  ];
}

const BUILD_DETAIL = [
  bind('interrupt', ['Ctrl-c']),
  bind('close', ['Esc Esc']),
  bind('back', ['Esc', 'Enter', 'Left', 'h'], { hint: ['Esc', 'back to the log'] }),
  bind('cancel', ['c']),
  bind('next', ['n'], { hint: ['n/N', 'next/prev'] }),
  bind('previous', ['N']),
  bind('back', ['q'], { hint: ['q', 'back'] }),
];

const UPGRADE = [
  bind('quit', ['Ctrl-c']),
  bind('close', ['Esc', 'Esc Esc', 'q', 'v', 'Left', 'h'], { hint: ['Esc', 'close', 6] }),
  ...navigation(),
  bind('enter', ['Enter'], { hint: ['⏎', 'fix/keep', 1] }),
  bind('fix', ['f'], { hint: ['f', 'fix', 2] }),
  bind('fix-all', ['F'], { hint: ['F', 'fix all', 3] }),
  bind('accept', ['a'], { hint: ['a', 'accept', 4] }),
  bind('accept-all', ['A'], { hint: ['A', 'accept menu', 5] }),
  bind('successor', ['Tab'], { hint: ['Tab', 'successor', 10] }),
  bind('set-y', ['y'], { hint: ['y/m/n', 'set', 8] }),
  bind('set-m', ['m']),
  bind('set-n', ['n']),
  bind('help', ['?', 'F1'], { hint: ['?', 'help', 11] }),
  bind('why', ['e']),
  bind('show', ['Right', 'l']),
  bind('undo', ['u', 'Ctrl-z'], { hint: ['u', 'undo', 7] }),
  bind('redo', ['Ctrl-r', 'Ctrl-y']),
  bind('save', ['s', 'Ctrl-s'], { hint: ['s', 'save', 9] }),
];

export const KEYMAP = {
  menu: MENU,
  choice: CHOICE,
  help: HELP,
  why: WHY,
  /** The why page with a fix to apply (f hinted). */
  'why.fix': why(true),
  /** The why page of an int, hex or string symbol: f types the value to search a fix for. */
  'why.ask': why('ask'),
  'why.page': WHY_PAGE,
  changes: CHANGES,
  quit: QUIT_DIALOG,
  overwrite: OVERWRITE_DIALOG,
  /** Tab: the fix the value typed needs (the why page with its diff). */
  editor: [...fieldKeys('set'), bind('fix', ['Tab'], { hint: ['Tab', 'fix'] })],
  /** The value editor opened from the why page: Enter searches the fix for the value typed. */
  'editor.fix': fieldKeys('find the fix'),
  'file.load': fieldKeys('load'),
  'file.save-as': fieldKeys('save'),
  restore: RESTORE_DIALOG,
  'search.query': SEARCH_QUERY,
  'search.results': SEARCH_RESULTS,
  'hardware.list': HARDWARE_LIST,
  'hardware.report': HARDWARE_REPORT,
  'hardware.modules': HARDWARE_MODULES,
  'hardware.plan': HARDWARE_PLAN,
  'hardware.plan-outcome': hintsOnly(HARDWARE_PLAN, ['undo', 'list', 'up']),
  'presets.list': PRESETS_LIST,
  'presets.preview': PRESETS_PREVIEW,
  'presets.outcome': hintsOnly(PRESETS_PREVIEW, ['undo', 'list', 'up']),
  /** An applied outcome with requests that do not stick: f fixes them too. */
  'presets.fixable': hintsOnly(PRESETS_PREVIEW, ['undo', 'list', 'up', 'fix']),
  'presets.create': PRESETS_CREATE,
  'checks.list': CHECKS_LIST,
  'checks.plan': CHECKS_PLAN,
  'checks.outcome': hintsOnly(CHECKS_PLAN, ['undo', 'list', 'up']),
  'build.form': BUILD_FORM,
  'build.starting': [] as Binding<never>[],
  'build.ask-save': BUILD_ASK_SAVE,
  'build.ask-overwrite': BUILD_ASK_OVERWRITE,
  'build.not-started': BUILD_NOT_STARTED,
  'build.stop-question': BUILD_STOP_QUESTION,
  'build.running': buildLog(true),
  'build.ended': buildLog(false),
  'build.detail': BUILD_DETAIL,
  upgrade: UPGRADE,
};

export type KeymapMode = keyof typeof KEYMAP;
/** The actions a mode's table names: a pane's handler must say what each does. */
export type ActionIn<M extends KeymapMode> = (typeof KEYMAP)[M][number]['action'];
