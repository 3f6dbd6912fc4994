/** A process ended by a signal exits with 128 + the signal's number, as a shell reports it. */
export const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
