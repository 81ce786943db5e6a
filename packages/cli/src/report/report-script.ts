/** The id of each chart's canvas in the report, by chart. */
export const REPORT_CHART_IDS = {
  loss: 'chart-loss',
  learningRate: 'chart-learning-rate',
  otherMetrics: 'chart-other-metrics',
  collapse: 'chart-collapse',
  probes: 'chart-probes',
  projection: 'chart-projection',
} as const;

/** The id of the `<script type="application/json">` block holding the ReportData. */
export const REPORT_DATA_ID = 'selfsup-report-data';

/**
 * The report's inline script (plain ES2017, run in the browser after Chart.js's bundle):
 * reads the ReportData from the JSON block, draws one chart per canvas present in the
 * page, then sets `window.__selfsupReport = { charts }` with the number drawn, for tests
 * and screenshots to wait on. Animations are off, so every chart is drawn at once.
 *
 * @example
 * html += `<script>${REPORT_SCRIPT}</script>`;
 */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('${REPORT_DATA_ID}').textContent);
  var tableau = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  var rendered = 0;
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#3d4451';
  Chart.defaults.borderColor = 'rgba(0, 0, 0, 0.08)';
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  Chart.defaults.plugins.tooltip.mode = 'nearest';
  Chart.defaults.plugins.tooltip.intersect = false;

  function color(index, count) {
    return count <= tableau.length ? tableau[index % tableau.length] : 'hsl(' + Math.round((index * 137.508) % 360) + ', 55%, 48%)';
  }
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    new Chart(canvas, config);
    rendered += 1;
  }
  function series(curve, name) {
    for (var i = 0; i < curve.series.length; i++) if (curve.series[i].name === name) return curve.series[i].values;
    return [];
  }
  function points(steps, values) {
    return steps.map(function (step, i) { return { x: step, y: values[i] }; });
  }
  function line(label, steps, values, stroke, extra) {
    var dataset = { label: label, data: points(steps, values), borderColor: stroke, backgroundColor: stroke, borderWidth: 1.5, pointRadius: 0, spanGaps: false };
    return Object.assign(dataset, extra || {});
  }
  function axis(title, extra) {
    return Object.assign({ type: 'linear', title: { display: true, text: title } }, extra || {});
  }
  function compact(value) {
    var number = Number(value);
    return number !== 0 && Math.abs(number) < 0.01 ? number.toExponential(1) : String(Math.round(number * 1e4) / 1e4);
  }
  // A round step (1, 2, 2.5 or 5 times a power of ten) of at least value.
  function niceStep(value) {
    var unit = Math.pow(10, Math.floor(Math.log10(value)));
    var factors = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < factors.length; i++) if (factors[i] * unit >= value) return factors[i] * unit;
    return 10 * unit;
  }
  // Axis ranges of the same length with round ticks, so that distances in the (square)
  // scatter are distances in PCA space: PC 1 looks as spread as it is next to PC 2.
  function squareRanges(groups) {
    var low = [Infinity, Infinity];
    var high = [-Infinity, -Infinity];
    groups.forEach(function (group) {
      group.points.forEach(function (p) {
        for (var a = 0; a < 2; a++) { low[a] = Math.min(low[a], p[a]); high[a] = Math.max(high[a], p[a]); }
      });
    });
    if (!(high[0] >= low[0])) return { x: {}, y: {} };
    var span = Math.max(high[0] - low[0], high[1] - low[1]) || 1;
    var step = niceStep(span / 6);
    var pad = span * 0.03;
    var first = [0, 1].map(function (a) { return Math.floor((low[a] - pad) / step); });
    var counts = [0, 1].map(function (a) { return Math.ceil((high[a] + pad) / step) - first[a]; });
    var count = Math.max(counts[0], counts[1]);
    var range = function (a) {
      var min = (first[a] - Math.floor((count - counts[a]) / 2)) * step;
      return { min: min, max: min + count * step, ticks: { stepSize: step } };
    };
    return { x: range(0), y: range(1) };
  }
  function lineOptions(yTitle, extraScales) {
    return {
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: Object.assign({ x: axis('step'), y: axis(yTitle, { ticks: { callback: compact } }) }, extraScales || {}),
    };
  }

  var loss = data.loss;
  draw('${REPORT_CHART_IDS.loss}', {
    type: 'line',
    data: { datasets: [
      line('loss', loss.steps, series(loss, 'loss'), 'rgba(78, 121, 167, 0.25)', { borderWidth: 1 }),
      line('smoothed', loss.steps, series(loss, 'smoothed'), '#2f5d8a', { borderWidth: 2.25 }),
    ].concat(data.validationLoss ? [line('validation (held out)', data.validationLoss.steps, series(data.validationLoss, 'validation loss'), '#e15759',
      { borderWidth: 2, pointRadius: 3, spanGaps: true })] : []) },
    options: lineOptions('loss'),
  });

  if (data.learningRate) {
    var rate = data.learningRate;
    draw('${REPORT_CHART_IDS.learningRate}', {
      type: 'line',
      data: { datasets: [line('learning rate', rate.steps, series(rate, 'learning rate'), '#f28e2b', { borderWidth: 2 })] },
      options: lineOptions('learning rate'),
    });
  }

  if (data.otherMetrics) {
    var other = data.otherMetrics;
    draw('${REPORT_CHART_IDS.otherMetrics}', {
      type: 'line',
      data: { datasets: other.series.map(function (curve, i) {
        return line(curve.name, other.steps, curve.values, color(i, other.series.length), { borderWidth: 1.5 });
      }) },
      options: lineOptions('value'),
    });
  }

  if (data.collapse) {
    var collapse = data.collapse;
    var marks = collapse.collapsed.map(function (collapsed) { return collapsed ? '#e15759' : '#4e79a7'; });
    draw('${REPORT_CHART_IDS.collapse}', {
      type: 'line',
      data: { datasets: [
        line('mean per-dimension std', collapse.steps, series(collapse, 'meanDimensionStd'), '#4e79a7',
          { borderWidth: 2, pointRadius: 2.5, pointBackgroundColor: marks, pointBorderColor: marks, yAxisID: 'y' }),
        line('healthy level', collapse.steps, series(collapse, 'healthyStd'), '#8a8f98',
          { borderWidth: 1.5, borderDash: [6, 4], yAxisID: 'y' }),
        line('effective rank', collapse.steps, series(collapse, 'effectiveRank'), '#f28e2b',
          { borderWidth: 2, pointRadius: 2.5, yAxisID: 'y1' }),
      ] },
      options: lineOptions('mean per-dimension std', {
        y: axis('mean per-dimension std', { beginAtZero: true, ticks: { callback: compact } }),
        y1: axis('effective rank', { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } }),
      }),
    });
  }

  // Writes each bar's value above it (Chart.js has no built-in data labels).
  var barValues = {
    id: 'barValues',
    afterDatasetsDraw: function (chart) {
      var context = chart.ctx;
      context.save();
      context.font = '600 12px ' + Chart.defaults.font.family;
      context.fillStyle = '#1f2430';
      context.textAlign = 'center';
      context.textBaseline = 'bottom';
      chart.data.datasets.forEach(function (dataset, i) {
        chart.getDatasetMeta(i).data.forEach(function (bar, j) {
          context.fillText(dataset.data[j].toFixed(1) + '%', bar.x, bar.y - 4);
        });
      });
      context.restore();
    },
  };

  if (data.probes) {
    var probeColors = { 'pretrained': '#4e79a7', 'random init': '#bab0ac', 'raw pixels': '#f28e2b' };
    draw('${REPORT_CHART_IDS.probes}', {
      type: 'bar',
      data: {
        labels: ['linear probe', 'kNN probe'],
        datasets: data.probes.map(function (probe, i) {
          var fill = probeColors[probe.encoder] || color(i, data.probes.length);
          return { label: probe.encoder, data: probe.accuracies.map(function (a) { return a * 100; }), backgroundColor: fill, borderColor: fill };
        }),
      },
      options: {
        scales: { y: axis('test accuracy (%)', { min: 0, max: 100 }), x: { type: 'category' } },
        plugins: { tooltip: { callbacks: { label: function (item) { return item.dataset.label + ': ' + item.parsed.y.toFixed(1) + '%'; } } } },
      },
      plugins: [barValues],
    });
  }

  if (data.projection) {
    var projection = data.projection;
    var share = function (i) { return 'PC ' + (i + 1) + ' (' + (projection.explainedVariance[i] * 100).toFixed(1) + '% of variance)'; };
    var ranges = squareRanges(projection.classes);
    draw('${REPORT_CHART_IDS.projection}', {
      type: 'scatter',
      data: { datasets: projection.classes.map(function (group, i) {
        var fill = color(i, projection.classes.length);
        return { label: group.name, data: group.points.map(function (p) { return { x: p[0], y: p[1] }; }),
          backgroundColor: fill, borderColor: fill, pointRadius: 2, pointHoverRadius: 4 };
      }) },
      options: {
        scales: { x: axis(share(0), ranges.x), y: axis(share(1), ranges.y) },
        plugins: { legend: { position: 'right' }, tooltip: { mode: 'point', intersect: true } },
      },
    });
  }

  window.__selfsupReport = { charts: rendered };
})();
`;
