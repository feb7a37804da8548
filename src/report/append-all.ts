/** `appendAll` lives in the lowest layer (src/model/append-all.ts) so that every layer can use it. */
export { appendAll } from '../model/append-all.js';
