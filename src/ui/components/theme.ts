import { createContext, useContext } from 'react';

/** Ink text colours for each role; `undefined` everywhere when colour is off (NO_COLOR). */
export interface Theme {
  color: boolean;
  accent: string | undefined;
  good: string | undefined;
  bad: string | undefined;
  warn: string | undefined;
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off; bold, dim and inverse stay. */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  const color = !env.NO_COLOR;
  return color
    ? { color, accent: 'cyan', good: 'green', bad: 'red', warn: 'yellow' }
    : { color, accent: undefined, good: undefined, bad: undefined, warn: undefined };
}

export const ThemeContext = createContext<Theme>(themeFor({}));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
