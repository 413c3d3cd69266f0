"""The corpus page template (Jinja2, autoescaped): one self-contained file, one inline script
(allowed by its hash in the page's Content-Security-Policy), no external assets."""

# Sorting and filtering, with the state kept in the address's fragment (#sort=year&dir=desc&q=…&level=…),
# so that a view can be bookmarked, shared and printed as it is.
SCRIPT = r"""
(function () {
  var table = document.getElementById('corpus-table');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var q = document.getElementById('filter-text');
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  var state = {sort: '', dir: 'asc', q: '', filters: {}};
  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    state.sort = params.get('sort') || '';
    state.dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
    state.q = params.get('q') || '';
    state.filters = {};
    selects.forEach(function (s) { state.filters[s.dataset.filter] = params.get(s.dataset.filter) || ''; });
  }
  function writeHash() {
    var params = new URLSearchParams();
    if (state.sort) { params.set('sort', state.sort); params.set('dir', state.dir); }
    if (state.q) { params.set('q', state.q); }
    Object.keys(state.filters).forEach(function (k) { if (state.filters[k]) { params.set(k, state.filters[k]); } });
    history.replaceState(null, '', '#' + params.toString());
  }
  function key(row, column) {
    var cell = row.querySelector('[data-col="' + column + '"]');
    var value = cell ? cell.getAttribute('data-value') : '';
    if (value === null || value === '') { return null; }
    var number = Number(value);
    return isNaN(number) ? value : number;
  }
  function apply() {
    q.value = state.q;
    selects.forEach(function (s) { s.value = state.filters[s.dataset.filter] || ''; });
    var shown = 0;
    var needle = state.q.trim().toLowerCase();
    rows.forEach(function (row) {
      var ok = !needle || row.textContent.toLowerCase().indexOf(needle) >= 0;
      selects.forEach(function (s) {
        var want = state.filters[s.dataset.filter];
        if (want && row.getAttribute('data-' + s.dataset.filter) !== want) { ok = false; }
      });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    if (state.sort) {
      var sign = state.dir === 'desc' ? -1 : 1;
      rows.slice().sort(function (a, b) {
        var x = key(a, state.sort), y = key(b, state.sort);
        if (x === y) { return Number(a.dataset.index) - Number(b.dataset.index); }
        if (x === null) { return 1; }
        if (y === null) { return -1; }
        return (x < y ? -1 : 1) * sign;
      }).forEach(function (row) { body.appendChild(row); });
    }
    Array.prototype.forEach.call(table.tHead.querySelectorAll('th[data-col]'), function (th) {
      th.setAttribute('aria-sort', th.dataset.col === state.sort ? (state.dir === 'desc' ? 'descending' : 'ascending') : 'none');
    });
    document.getElementById('shown-count').textContent = String(shown);
  }
  Array.prototype.forEach.call(table.tHead.querySelectorAll('th[data-col]'), function (th) {
    th.addEventListener('click', function () {
      state.dir = state.sort === th.dataset.col && state.dir === 'asc' ? 'desc' : 'asc';
      state.sort = th.dataset.col;
      writeHash(); apply();
    });
  });
  q.addEventListener('input', function () { state.q = q.value; writeHash(); apply(); });
  selects.forEach(function (s) {
    s.addEventListener('change', function () { state.filters[s.dataset.filter] = s.value; writeHash(); apply(); });
  });
  window.addEventListener('hashchange', function () { readHash(); apply(); });
  readHash(); apply();
  document.body.setAttribute('data-ready', 'true');
})();
"""

PAGE = r"""<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '{{ script_hash }}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; margin: 0; color: #1d1d1f; background: #f6f6f4; }
header.page { padding: 1rem 2rem; background: #24324a; color: #fff; }
header.page h1 { margin: 0 0 .3rem; font-size: 1.4rem; }
main { padding: 0 2rem 2rem; }
section { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .8rem 1.2rem; margin: 1.2rem 0; }
h2 { font-size: 1.15rem; margin: .2rem 0 .6rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
.charts figure { margin: 0; }
.charts figcaption { font-weight: 600; margin-bottom: .3rem; }
.legend span { display: inline-block; margin-right: 1rem; font-size: .85em; }
.legend i { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: -1px; }
.controls { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin-bottom: .6rem; }
.controls input { min-width: 16rem; padding: .25rem .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .3rem .4rem; text-align: left; vertical-align: top; }
th[data-col] { cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.state-heading { color: #1b7837; }
.state-inferred { color: #8a5a00; }
.inferred { color: #8a5a00; font-size: .8em; border: 1px solid #e0c080; border-radius: 3px; padding: 0 .25em; }
.state-absent { color: #b3261e; }
.failed td { color: #b3261e; }
.follow table td { width: 50%; }
.shared { color: #666; font-size: .85em; }
.not-reported { color: #b3261e; }
@media print {
  body { background: #fff; }
  .controls { display: none; }
  section { border: none; break-inside: avoid-page; }
  tr[hidden] { display: none; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<header class="page">
<h1>{{ title }}</h1>
<div>{{ reports|length }} {{ ui.reports }} · {{ ui.generated }} {{ generated }}</div>
</header>
<main>
<section class="charts-section">
<h2>{{ ui.overview }}</h2>
<div class="charts">
<figure><figcaption>{{ ui.by_part }}</figcaption>{{ charts.by_part }}
<div class="legend"><span><i style="background:#1b7837"></i>{{ ui.heading }}</span><span><i style="background:#e0a526"></i>{{ ui.inferred }}</span></div></figure>
<figure><figcaption>{{ ui.by_level }}</figcaption>{{ charts.by_level }}</figure>
<figure><figcaption>{{ ui.timeline }}</figcaption>{{ charts.timeline or ui.no_dates }}</figure>
<figure><figcaption>{{ ui.topics }}</figcaption>{{ charts.topics or ui.no_topics }}</figure>
</div>
</section>
<section>
<h2>{{ ui.table }}</h2>
<div class="controls">
<label>{{ ui.filter }} <input id="filter-text" type="search" placeholder="{{ ui.filter_hint }}"></label>
<label>{{ ui.level }} <select data-filter="level"><option value="">{{ ui.all }}</option>
{% for value, label in levels %}<option value="{{ value }}">{{ label }}</option>{% endfor %}</select></label>
<label>{{ ui.kind }} <select data-filter="kind"><option value="">{{ ui.all }}</option>
{% for value, label in kinds %}<option value="{{ value }}">{{ label }}</option>{% endfor %}</select></label>
<label>{{ ui.year }} <select data-filter="year"><option value="">{{ ui.all }}</option>
{% for year in years %}<option value="{{ year }}">{{ year }}</option>{% endfor %}</select></label>
<span>{{ ui.shown }} <b id="shown-count">{{ reports|length }}</b> / {{ reports|length }}</span>
</div>
<table id="corpus-table">
<thead><tr>
{% for col in columns %}<th data-col="{{ col.key }}" scope="col">{{ col.label }}</th>{% endfor %}
</tr></thead>
<tbody>
{% for r in reports %}<tr data-index="{{ r.index }}" data-level="{{ r.level or '' }}" data-kind="{{ r.kind or '' }}" data-year="{{ r.year or '' }}" data-status="{{ r.status }}"{% if r.status == 'failed' %} class="failed"{% endif %}>
{% for cell in r.cells %}<td data-col="{{ cell.key }}" data-value="{{ cell.value }}"{% if cell.num %} class="num"{% endif %}>{% if cell.href %}<a href="{{ cell.href }}">{{ cell.text }}</a>{% elif cell.css %}<span class="{{ cell.css }}">{{ cell.text }}</span>{% else %}{{ cell.text }}{% endif %}{% if cell.inferred %} <span class="inferred" title="{{ cell.inferred }}">{{ ui.inferred }}</span>{% endif %}</td>{% endfor %}
</tr>
{% endfor %}</tbody>
</table>
</section>
{% if follows %}<section class="follow">
<h2>{{ ui.follow }}</h2>
{% for f in follows %}<h3>{{ f.issuer }}: {{ f.earlier_year }} → {{ f.later_year }}</h3>
<p>{{ ui.plans_reported.format(done=f.reported, total=f.plans|length) }}</p>
<table><thead><tr><th>{{ ui.plan_of.format(year=f.earlier_year) }}</th><th>{{ ui.results_of.format(year=f.later_year) }}</th></tr></thead><tbody>
{% for p in f.plans %}<tr><td>{{ p.plan }}</td><td>{% if p.results %}{% for r in p.results %}<div>{{ r.summary }} <span class="shared">({{ ui.shared }}: {{ r.shared }})</span></div>{% endfor %}{% else %}<span class="not-reported">{{ ui.not_reported }}</span>{% endif %}</td></tr>
{% endfor %}</tbody></table>
{% if f.recurring %}<p><b>{{ ui.recurring }}</b></p><ul>{% for r in f.recurring %}<li>{{ r.later }} ← {{ r.earlier }} <span class="shared">({{ ui.shared }}: {{ r.shared }})</span></li>{% endfor %}</ul>{% endif %}
{% if f.new %}<p><b>{{ ui.new_commitments }}</b></p><ul>{% for n in f.new %}<li>{{ n }}</li>{% endfor %}</ul>{% endif %}
{% endfor %}</section>{% endif %}
</main>
<script>{{ script }}</script>
</body>
</html>
"""
