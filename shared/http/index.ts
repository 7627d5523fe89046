/** The HTTP/1.x decoder and what reads a message's parts: pure, for the lab, the packet lab and the renderer alike. */
export * from './httpMessage.js';
export * from './parserOptions.js';
export * from './messageParser.js';
export * from './parseHttpStream.js';
export * from './requestTarget.js';
export * from './percentDecode.js';
export * from './cookies.js';
export * from './contentType.js';
export * from './decodedBody.js';
export * from './bodyDecoder.js';
export { parseJsonTree } from './jsonTree.js';
export { parseMultipart, type ParsedMultipart } from './multipart.js';
export { detectImage, IMAGE_MIME_TYPES } from './imageMagic.js';
export { decodeText, looksLikeText } from './textCharset.js';
