/** The ZXing reader's WebAssembly as Vite emits it into our own /assets/ (hashed name). */
export { default } from 'zxing-wasm/reader/zxing_reader.wasm?url';
