/** The files reached from an entry and the bare specifiers they import (with the first importer). */
export function importGraph(entry: string): { files: Set<string>; external: Map<string, string> };
