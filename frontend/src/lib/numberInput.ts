// What an input method types for a number, as the server reads it: one place for every
// numeric input (the indicator cells, the add-indicator form, the department-year's amounts).

/** Full-width and other look-alike characters an input method produces, by the ASCII they stand for. */
const LOOK_ALIKES: Record<string, string> = {
  "．": ".",
  "。": ".", // a Chinese input method's full stop where a decimal point was meant
  "－": "-",
  "−": "-", // U+2212 MINUS SIGN
  "＋": "+",
  "％": "%",
  "，": ",",
  "\u3000": " ", // ideographic space
};

/**
 * A typed number in ASCII: full-width digits (１２０), point (．), signs (－ ＋) and percent
 * (％) become 120 . - + %; a trailing percent sign is dropped (the unit is the column's),
 * surrounding spaces trimmed. Anything else is left for the caller's check to refuse.
 * halfWidthNumber("１２０．５％") === "120.5".
 */
export function halfWidthNumber(raw: string): string {
  let s = "";
  for (const ch of raw) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff10 && code <= 0xff19) s += String.fromCharCode(code - 0xff10 + 0x30);
    else s += LOOK_ALIKES[ch] ?? ch;
  }
  s = s.trim();
  if (s.endsWith("%")) s = s.slice(0, -1).trimEnd();
  return s;
}
