export { type FileMode, FileSink } from './file-sink.js';
export { type FileSource, openFileSource } from './file-source.js';
