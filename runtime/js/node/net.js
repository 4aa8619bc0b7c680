// node:net — IP address checks. Sockets and servers need an event-loop-driven network layer
// dx does not have yet: they fail with ERR_DX_UNSUPPORTED (internal/unsupported).
'use strict';

const { unsupported } = require('internal/unsupported');

const IPV4_PART = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = `(?:${IPV4_PART}\\.){3}${IPV4_PART}`;
const H16 = '[0-9a-fA-F]{1,4}';
// RFC 4291 textual forms, with an optional embedded IPv4 tail and a zone id.
const IPV6 = [
  `(?:${H16}:){7}(?:${H16}|:)`,
  `(?:${H16}:){6}(?:${IPV4}|:${H16}|:)`,
  `(?:${H16}:){5}(?::${IPV4}|(?::${H16}){1,2}|:)`,
  `(?:${H16}:){4}(?:(?::${H16}){0,1}:${IPV4}|(?::${H16}){1,3}|:)`,
  `(?:${H16}:){3}(?:(?::${H16}){0,2}:${IPV4}|(?::${H16}){1,4}|:)`,
  `(?:${H16}:){2}(?:(?::${H16}){0,3}:${IPV4}|(?::${H16}){1,5}|:)`,
  `(?:${H16}:){1}(?:(?::${H16}){0,4}:${IPV4}|(?::${H16}){1,6}|:)`,
  `(?::(?:(?::${H16}){0,5}:${IPV4}|(?::${H16}){1,7}|:))`,
].join('|');
const IPV4_RE = new RegExp(`^${IPV4}$`);
const IPV6_RE = new RegExp(`^(?:${IPV6})(?:%[0-9a-zA-Z._-]{1,})?$`);

const isIPv4 = (input) => IPV4_RE.test(`${input}`);
const isIPv6 = (input) => IPV6_RE.test(`${input}`);
const isIP = (input) => (isIPv4(input) ? 4 : isIPv6(input) ? 6 : 0);

const why = 'dx has no network sockets yet';
module.exports = {
  isIP,
  isIPv4,
  isIPv6,
  Socket: unsupported('net.Socket', why),
  Server: unsupported('net.Server', why),
  Stream: unsupported('net.Stream', why),
  connect: unsupported('net.connect', why),
  createConnection: unsupported('net.createConnection', why),
  createServer: unsupported('net.createServer', why),
};
