/** What the CLI and the TUI use of fixes: plans as lines with reasons, refusals in words, reachable values. */
export { describeBlocker, describeReason, groupedLines, summarizeFix } from './describe-fix.js';
export type { FixLine, FixLineGroup, FixSummary, RefusedTarget } from './describe-fix.js';
export { describeHoldingTerm, enableValue, holdingReasons, reachableValues } from './reachable.js';
export type { ReachableValues } from './reachable.js';
export { offeredTarget, targetKind } from './fix-offer.js';
export type { OfferedTarget } from './fix-offer.js';
export { describeOffer, refusalOffer } from './refusal-offer.js';
export type { RefusalOffer } from './refusal-offer.js';
