import type { Session } from '../../engine/session.js';

/** What an upgrade report reads from an open configuration. */
export type UpgradeSession = Pick<Session, 'kernel' | 'model' | 'state' | 'symbol' | 'value' | 'explain' | 'configText' | 'evaluateConfig'>;
