/** What a body means by its Content-Type: the shapes the HTTP view shows. */

export type JsonNode =
  | { type: 'object'; entries: Array<[string, JsonNode]> }
  | { type: 'array'; items: JsonNode[] }
  | { type: 'string'; value: string }
  /** The number as written, so 2^53 + 1 and 1e400 read as sent. */
  | { type: 'number'; value: number; text: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  /** Past the depth limit: the subtree's text, unparsed. */
  | { type: 'truncated'; text: string };

export interface JsonError {
  message: string;
  /** Character offset in the decoded text, and its line and column (1-based). */
  position: number;
  line: number;
  column: number;
}

export interface MultipartPart {
  headers: Array<[string, string]>;
  /** From Content-Disposition. */
  name: string | null;
  filename: string | null;
  contentType: string | null;
  size: number;
  /** The part's body, bounded like any body. */
  body: Uint8Array;
  /** Offset of the part's body within the decoded message body. */
  bodyOffset: number;
}

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'ico' | 'svg' | 'avif';

export type DecodedBody =
  | { kind: 'empty' }
  | { kind: 'form'; fields: Array<[string, string]> }
  | { kind: 'multipart'; boundary: string; parts: MultipartPart[]; error: string | null }
  | { kind: 'json'; tree: JsonNode | null; error: JsonError | null; text: string }
  | { kind: 'text'; charset: string; text: string; mediaType: string | null }
  | { kind: 'image'; format: ImageFormat; mimeType: string }
  | { kind: 'binary'; mediaType: string | null };

export interface DecodeBodyOptions {
  /** JSON nesting kept as a tree; deeper subtrees become `truncated`. Default 64. */
  maxJsonDepth?: number;
  /** Multipart parts kept; the rest are counted in the error. Default 1,000. */
  maxParts?: number;
}
