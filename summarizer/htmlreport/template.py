"""The page template (Jinja2, autoescaped): one self-contained HTML file, no scripts, no external assets."""

PAGE = r"""<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
/* CJK font stack: the common Simplified Chinese faces of Linux, macOS and Windows, then the generic family. */
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "PingFang SC",
  "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Heiti SC", "SimHei", sans-serif;
  margin: 0; color: #1d1d1f; background: #f6f6f4; }
header.page { padding: 1rem 2rem; background: #24324a; color: #fff; }
header.page h1 { margin: 0 0 .3rem; font-size: 1.4rem; }
nav.toc { padding: .5rem 2rem; background: #fff; border-bottom: 1px solid #ddd; }
nav.toc li { margin: .15rem 0; }
section.report { margin: 1.5rem 2rem; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 1rem 1.5rem; }
section.report > h2 { margin-top: 0; }
.meta { color: #555; margin-bottom: .8rem; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); gap: 1.5rem; }
.summary h3 { margin: 1rem 0 .3rem; font-size: 1.05rem; }
.summary ol { padding-left: 1.4rem; margin: .2rem 0; }
.summary li { margin: .3rem 0; }
.figures { color: #444; font-size: .9em; }
.inferred { color: #8a5a00; font-size: .8em; border: 1px solid #e0c080; border-radius: 3px; padding: 0 .25em; margin-left: .3em; }
.text { white-space: pre-wrap; line-height: 1.75; max-height: 85vh; overflow-y: auto; border-left: 3px solid #ccc; padding-left: 1rem; }
mark { border-radius: 2px; padding: 0 1px; }
{% for part in parts %}mark.hl-{{ part.key }} { background: {{ part.colour }}; }
{% endfor %}mark:target { outline: 2px solid #24324a; }
b.fig { text-decoration: underline; text-decoration-thickness: 2px; }
table.compliance { border-collapse: collapse; margin: .3rem 0; }
table.compliance td, table.compliance th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; }
.yes { color: #16701c; font-weight: bold; } .no { color: #b3261e; font-weight: bold; } .unknown { color: #777; }
.error { background: #fdecea; border: 1px solid #f5c2bd; padding: .6rem 1rem; border-radius: 4px; }
.note { color: #777; font-style: italic; }
.legend span { padding: 0 .4rem; margin-right: .3rem; border-radius: 2px; }
.not-report { background: #fff4d6; border: 1px solid #e8c66a; padding: .5rem 1rem; border-radius: 4px; margin-bottom: .8rem; }
/* On paper: one column, the whole clean text (no scroll box), highlights kept in colour. */
@media print {
  body { background: #fff; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  header.page { background: none; color: #000; padding: 0 0 .5rem; border-bottom: 1px solid #000; }
  nav.toc { display: none; }
  section.report { margin: 0 0 1rem; border: none; padding: 0; break-before: page; }
  section.report:first-of-type { break-before: auto; }
  .grid { display: block; }
  .text { max-height: none; overflow: visible; border-left: none; padding-left: 0; }
  .summary li, table.compliance tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  mark:target { outline: none; }
}
</style>
</head>
<body>
<header class="page">
  <h1>{{ title }}</h1>
  <div>{{ reports|length }} {{ ui.reports }}: {{ done }} {{ ui.summarised }}, {{ failed }} {{ ui.failed }} · {{ ui.generated }} {{ generated }}</div>
</header>
<nav class="toc"><ol>
{% for r in reports %}  <li><a href="#report-{{ r.index }}">{{ r.heading }}</a>{% if r.failed %} — <span class="no">{{ ui.failed }}</span>{% elif r.not_report %} — <span class="no">{{ ui.not_report }}</span>{% elif r.missing %} — <span class="no">{{ ui.missing_parts.format(n=r.missing|length) }}</span>{% endif %}</li>
{% endfor %}</ol></nav>
<main>
{% for r in reports %}
<section class="report" id="report-{{ r.index }}" data-name="{{ r.name }}">
  <h2>{{ r.heading }}</h2>
  <div class="meta">{{ r.name }}{% for fact in r.facts %} · {{ fact.text }}{% if fact.inferred %} <span class="inferred" title="{{ fact.inferred }}">{{ ui.inferred }}</span>{% endif %}{% endfor %}{% if r.unsourced %} <span class="note">({{ r.unsourced }})</span>{% endif %}</div>
  {% if r.failed %}
  <div class="error"><strong>{{ r.error.code }}</strong>: {{ r.error.message }}{% if r.error.hint %}<br><em>{{ r.error.hint }}</em>{% endif %}</div>
  {% else %}
  {% if r.not_report %}<div class="not-report"><strong>{{ ui.not_report }}</strong>: {{ r.not_report }}</div>{% endif %}
  <div class="grid">
    <div class="summary">
      {% if r.overview %}<p class="overview">{{ r.overview }}</p>{% endif %}
      <h3>{{ ui.checklist }}</h3>
      <table class="compliance">
      {% for row in r.checklist %}<tr data-check="{{ row.key }}"><th>{{ row.label }}</th><td class="{{ row.css }}">{{ row.answer }}{% if row.inferred %} <span class="inferred" title="{{ row.inferred }}">{{ ui.inferred }}</span>{% endif %}</td></tr>
      {% endfor %}</table>
      {% if r.missing %}<p>{{ ui.missing }}: {{ r.missing|join("; ") }}</p>{% endif %}
      <div class="legend">{% for part in parts %}<span class="hl-{{ part.key }}" style="display:inline-block"><mark class="hl-{{ part.key }}">{{ part.label }}</mark></span>{% endfor %}</div>
      {% for part in r.parts %}
      <h3>{{ part.label }} ({{ part.entries|length }}){% if part.inferred %} <span class="inferred" title="{{ part.inferred }}">{{ ui.inferred }}</span>{% endif %}</h3>
      {% if part.entries %}<ol>
        {% for item in part.entries %}<li data-item="{{ item.id }}">{% if r.has_text %}<a href="#{{ item.id }}">{{ item.summary }}</a>{% else %}{{ item.summary }}{% endif %}{% if item.inferred %} <span class="inferred" title="{{ item.inferred }}">{{ ui.inferred }}</span>{% endif %}
          {% if item.category %}<span class="note">[{{ item.category }}]</span>{% endif %}{% if item.page %} <span class="note">p. {{ item.page }}</span>{% endif %}
          {% if item.figures %}<div class="figures">{{ item.figures }}</div>{% endif %}
          {% if not r.has_text %}<blockquote>{{ item.evidence }}</blockquote>{% endif %}</li>
        {% endfor %}</ol>{% else %}<p class="note">{{ ui.none_found }}</p>{% endif %}
      {% endfor %}
    </div>
    <div class="text-column">
      <h3>{{ ui.clean_text }}</h3>
      {% if r.has_text %}<div class="text">{% for run in r.runs %}{{ run }}{% endfor %}</div>
      {% else %}<p class="note">{{ r.text_note }}</p>{% endif %}
    </div>
  </div>
  {% endif %}
</section>
{% endfor %}
</main>
</body>
</html>
"""
