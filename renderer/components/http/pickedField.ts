/** The field the user picked in a message (a header, a start-line part), highlighted in the Raw tab's bytes. */
export interface PickedField {
  side: 'request' | 'response';
  /** A MessageField id: `line`, `method`, `header-3`, `body`… */
  id: string;
}
