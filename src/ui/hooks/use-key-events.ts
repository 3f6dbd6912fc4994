import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { KeyAssembler } from '../input/key-assembler.js';
import type { KeyEvent } from '../input/key-event.js';

/**
 * Key presses from Ink's stdin, decoded by our own assembler rather than `useInput`: it keeps
 * Esc Esc apart from a single Esc and re-joins escape sequences split across packets.
 * The handler is read through a ref, so a key that arrives before React re-renders is never
 * handled by a stale closure.
 */
export function useKeyEvents(handler: (key: KeyEvent) => void): void {
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
    const assembler = new KeyAssembler((key) => handlerRef.current(key));
    const onInput = (input: string): void => assembler.push(input);
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
      assembler.dispose();
    };
  }, [events]);
}
