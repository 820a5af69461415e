// Draws report.html's charts with uPlot from the specs the CLI wrote into #chart-specs (LoadTestCharts.java):
// lines over seconds, or bars over buckets; every axis labelled with its unit; a legend under each chart.
(function () {
  'use strict';
  var GRID = { stroke: '#e4e7ec', width: 1 };
  var INK = '#5d6676';

  function named(axis) {
    return axis.unit ? axis.label + ' (' + axis.unit + ')' : axis.label;
  }

  // Every chart starts its y axis at 0, so a flat line reads as flat and a bar's height as its count.
  function fromZero(u, min, max) {
    return [0, max > 0 ? max * 1.08 : 1];
  }

  // Bars carry their count on top: a printed or screenshotted report has no cursor to ask.
  function countsOnTop(u) {
    var ctx = u.ctx;
    var ys = u.data[1];
    ctx.save();
    ctx.fillStyle = '#1d2330';
    ctx.font = Math.round(11 * devicePixelRatio) + 'px system-ui, sans-serif';
    ctx.textAlign = 'center';
    for (var i = 0; i < ys.length; i++) {
      if (ys[i] != null) {
        ctx.fillText(ys[i].toLocaleString('en'), u.valToPos(i, 'x', true), u.valToPos(ys[i], 'y', true) - 4);
      }
    }
    ctx.restore();
  }

  function options(spec, width) {
    var x = { label: named(spec.x), stroke: INK, grid: GRID, ticks: GRID };
    var scaleX = { time: false };
    if (spec.bars) {
      // One tick per bucket, named by the bucket; half a bucket of room at either end.
      x.values = function (u, splits) {
        return splits.map(function (i) { return spec.ticks[i] === undefined ? '' : spec.ticks[i]; });
      };
      x.splits = function () { return spec.ticks.map(function (t, i) { return i; }); };
      scaleX.range = [-0.5, spec.ticks.length - 0.5];
    }
    return {
      width: width,
      height: spec.bars ? 260 : 280,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: scaleX, y: { range: fromZero } },
      axes: [x, { label: named(spec.y), stroke: INK, grid: GRID, ticks: GRID, size: 70 }],
      hooks: spec.bars ? { draw: [countsOnTop] } : {},
      series: [{ label: named(spec.x) }].concat(spec.series.map(function (s) {
        return {
          label: s.label,
          stroke: s.color,
          width: 2,
          dash: s.dashed ? [6, 4] : undefined,
          fill: spec.bars ? s.color + 'cc' : undefined,
          paths: spec.bars ? uPlot.paths.bars({ size: [0.85, Infinity] }) : undefined,
          points: { show: !spec.bars && !s.dashed && spec.data[0].length < 40 }
        };
      }))
    };
  }

  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  specs.forEach(function (spec) {
    var box = document.getElementById(spec.id);
    new uPlot(options(spec, box.clientWidth), spec.data, box);
  });
})();
