/**
 * A failure to start that the person running Batchdeck can fix: the message is one line that says what
 * went wrong and what to do. The launchers print it as is, without a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}
