/**
 * A value the user typed that cannot be sent: the page's own check, before any call. The message says what to type
 * instead; `field` names the input it belongs under (a form shows it there, and clears it on the next edit).
 */
export class FormInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
