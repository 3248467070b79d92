import { config } from "zod";

// Runs in the browser before any page code. Zod tries `new Function("")` once, while building an
// object schema, to see whether it may compile faster parsers; the pages' Content-Security-Policy
// forbids eval, so the browser reports that attempt as a violation even though zod catches it.
// In the browser zod parses without compiling (docs/adr/022-security-headers.md).
config({ jitless: true });
