// node:zlib — zlib's constants (the values zlib.h defines). Compressing and decompressing
// are not in dx yet: every function and stream class fails with ERR_DX_UNSUPPORTED
// (internal/unsupported), so code that only imports zlib for an optional path still loads.
'use strict';

const { unsupported } = require('internal/unsupported');

const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
  Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
};

const why = 'dx has no compression yet';
const operations = ['deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'gzip', 'gunzip', 'unzip', 'brotliCompress',
  'brotliDecompress'];
const classes = ['Deflate', 'Inflate', 'DeflateRaw', 'InflateRaw', 'Gzip', 'Gunzip', 'Unzip', 'BrotliCompress',
  'BrotliDecompress'];

module.exports = { constants, ...constants, crc32: unsupported('zlib.crc32', why) };
for (const name of operations) {
  module.exports[name] = unsupported(`zlib.${name}`, why);
  module.exports[`${name}Sync`] = unsupported(`zlib.${name}Sync`, why);
}
for (const name of classes) {
  module.exports[name] = unsupported(`zlib.${name}`, why);
  module.exports[`create${name}`] = unsupported(`zlib.create${name}`, why);
}
