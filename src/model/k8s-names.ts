/**
 * Kubernetes name rules, as the API server checks them (apimachinery validation).
 *
 * Each check returns undefined when the text is valid, or a message saying what was expected,
 * ready to be placed after `file:line: path: `.
 */
import { quote } from './quote.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

const q = (s: string): string => quote(s);

/** Namespace names (and `metadata.namespace`): a DNS-1123 label. */
export function checkDns1123Label(text: string): string | undefined {
  if (text.length > 63 || !DNS1123_LABEL.test(text)) {
    return `${q(text)} is not a valid DNS-1123 label: expected at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Pod, Node and NetworkPolicy names: a DNS-1123 subdomain. */
export function checkDns1123Subdomain(text: string): string | undefined {
  if (text.length > 253 || !DNS1123_SUBDOMAIN.test(text)) {
    return `${q(text)} is not a valid DNS-1123 subdomain: expected at most 253 lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Label (and selector) keys: `[prefix/]name`, prefix a DNS subdomain, name a qualified name of ≤63 chars. */
export function checkLabelKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const bad = `label key ${q(key)} is not valid: expected an optional DNS subdomain prefix and '/', then a name of at most 63 characters [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return bad;
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) return bad;
  return undefined;
}

/** Label values: empty, or ≤63 chars of [A-Za-z0-9-_.] starting and ending alphanumeric. */
export function checkLabelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !QUALIFIED_NAME.test(value)) {
    return `label value ${q(value)} is not valid: expected at most 63 characters [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])? or empty`;
  }
  return undefined;
}

/** Named ports: IANA_SVC_NAME (≤15 lowercase letters, digits, '-', at least one letter, no '--'). */
export function checkPortName(name: string): string | undefined {
  if (name.length > 15 || !IANA_SVC_NAME.test(name) || !/[a-z]/.test(name) || name.includes('--')) {
    return `${q(name)} is not a valid port name: expected an IANA_SVC_NAME (at most 15 lowercase letters, digits and '-', with at least one letter)`;
  }
  return undefined;
}

export function checkPortNumber(port: number): string | undefined {
  return port >= 1 && port <= 65535 ? undefined : `${port} is not a valid port number: expected 1-65535`;
}
