/**
 * The report's stylesheet: plain CSS, system fonts, one readable column, light cards for
 * the charts, and print-friendly (no backgrounds needed to read it).
 *
 * @example
 * html += `<style>${REPORT_STYLES}</style>`;
 */
export const REPORT_STYLES = `
:root { color-scheme: light; --ink: #1f2430; --muted: #5f6775; --line: #e3e6eb; --card: #ffffff; --page: #f6f7f9; --accent: #4e79a7; --bad: #c0392b; --good: #2e7d4f; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 48px; }
header h1 { margin: 0 0 4px; font-size: 28px; font-weight: 650; letter-spacing: -0.01em; }
header .subtitle { margin: 0 0 20px; color: var(--muted); word-break: break-all; }
h2 { margin: 0 0 6px; font-size: 19px; font-weight: 620; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 20px 22px; margin: 0 0 18px; }
section > p { margin: 4px 0 12px; color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 0 0 18px; }
.figure { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.figure .label { color: var(--muted); font-size: 12.5px; text-transform: uppercase; letter-spacing: 0.04em; }
.figure .value { font-size: 22px; font-weight: 620; font-variant-numeric: tabular-nums; }
.figure .note { color: var(--muted); font-size: 13px; }
.good { color: var(--good); }
.bad { color: var(--bad); }
.chart { position: relative; height: 300px; }
.chart.square { height: 560px; max-width: 640px; margin: 0 auto; }
.missing { padding: 14px 16px; border: 1px dashed var(--line); border-radius: 8px; color: var(--muted); background: #fbfbfc; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { width: 32%; font-weight: 550; color: var(--muted); }
td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; word-break: break-word; }
.grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
.grid-2 > section { margin: 0 0 18px; }
@media (max-width: 760px) { .grid-2 { grid-template-columns: 1fr; } }
img.views { display: block; max-width: 100%; height: auto; image-rendering: pixelated; border-radius: 6px; }
footer { color: var(--muted); font-size: 13px; text-align: center; }
.sample { margin: 0 0 12px; }
.sample .label { color: var(--muted); font-size: 13px; margin-bottom: 4px; }
.sample pre { white-space: pre-wrap; margin: 0; padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; background: #fbfbfc; font-size: 13px; max-height: 12em; overflow: auto; }
.sample strong { color: var(--muted); font-weight: 600; }
`;
