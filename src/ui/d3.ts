// The parts of D3 the views use, from D3's own sub-modules rather than the `d3` umbrella (which
// pulls every module's code and types). d3-transition patches selection.prototype.transition: the
// import must stay (D3 declares sideEffects:false, so a build would otherwise drop the patch).
export { select, type BaseType, type Selection } from 'd3-selection';
export { transition, type Transition } from 'd3-transition';
export { scaleLinear } from 'd3-scale';
export { max, ticks } from 'd3-array';
export { area, line } from 'd3-shape';
export { axisBottom, axisLeft } from 'd3-axis';
import 'd3-transition';
