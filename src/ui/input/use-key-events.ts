import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { KeyAssembler } from './key-assembler.js';
import type { KeyEvent } from './key-event.js';

/**
 * Key presses from Ink's stdin, decoded by our own assembler rather than `useInput`: it keeps
 * Esc Esc apart from a single Esc and re-joins escape sequences split across packets.
 * Everything read at once (Ink hands one read over as several events: text, a sequence,
 * more text) reaches the handler as one batch, so that a paste or a burst of keys can be
 * applied as one update. The handler is read through a ref, so a key that arrives before
 * React re-renders is never handled by a stale closure.
 */
export function useKeyEvents(handler: (keys: KeyEvent[]) => void): void {
  const { setRawMode, internal_eventEmitter: events } = useStdin();
  const handlerRef = useRef(handler);
  handlerRef.current = handler;

  useEffect(() => {
    setRawMode(true);
    return () => {
      setRawMode(false);
    };
  }, [setRawMode]);

  useEffect(() => {
    let batch: KeyEvent[] = [];
    let disposed = false;
    const deliver = (): void => {
      const keys = batch;
      batch = [];
      if (!disposed && keys.length > 0) handlerRef.current(keys);
    };
    const assembler = new KeyAssembler((keys) => {
      if (batch.length === 0) queueMicrotask(deliver);
      batch.push(...keys);
    });
    const onInput = (input: string): void => assembler.push(input);
    events.on('input', onInput);
    return () => {
      disposed = true;
      events.off('input', onInput);
      assembler.dispose();
    };
  }, [events]);
}
