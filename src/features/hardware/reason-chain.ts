/** One link of "why": device -> modalias -> alias -> module -> Makefile -> symbol. */
export type ReasonKind =
  | 'device'
  | 'modalias'
  | 'alias'
  | 'driver'
  | 'loaded'
  | 'mount'
  | 'root'
  | 'module'
  | 'makefile'
  | 'symbol'
  | 'running-kernel';

export interface ReasonStep {
  kind: ReasonKind;
  text: string;
}

export type ReasonChain = ReasonStep[];

export function step(kind: ReasonKind, text: string): ReasonStep {
  return { kind, text };
}

export function formatChain(chain: ReasonChain): string {
  return chain.map((link) => link.text).join(' -> ');
}
