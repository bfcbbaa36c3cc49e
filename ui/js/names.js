// Case- and space-insensitive, the same way the server matches names to people.
export function nameKey(name) {
  return name.trim().split(/\s+/).join(' ').toLowerCase();
}
