// Pods drawn on a canvas over the SVG node cards. Measured in headless Chromium at 182 nodes and
// 2,000 pods, D3 transitions on 2,000 SVG rects ran at 17 fps while the timeline played; a canvas
// that tweens positions itself stays near 60 (docs/decisions/0003-canvas-pods.md). Node cards stay
// SVG: they are few, focusable and clickable. Pod clicks are hit-tested here.
import { POD } from './layout.ts';
import type { PodDot } from './layout.ts';
import type { PodView } from '../../pipeline/view.ts';

interface Sprite {
  pod: PodView;
  fromX: number;
  fromY: number;
  x: number;
  y: number;
  fromAlpha: number;
  alpha: number;
  /** When this sprite's own tween started (each pod animates only when it moves). */
  start: number;
  /** The update that last saw this pod (the others are leaving). */
  seen: number;
}

const PHASE_VAR: Record<PodView['phase'], string> = {
  Running: '--pod-running',
  Starting: '--pod-starting',
  Pending: '--pod-pending',
  Nominated: '--pod-nominated',
  Failed: '--pod-failed',
  Terminating: '--pod-failed',
};

const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

export class PodLayer {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private sprites = new Map<string, Sprite>();
  private leaving: Sprite[] = [];
  private duration = 0;
  /** Until when some sprite is still tweening. */
  private busyUntil = 0;
  private raf: number | undefined;
  private width = 0;
  private height = 0;
  /** The visible window of the layout: the canvas covers only this (scrollTop, height). */
  private viewTop = 0;
  private viewHeight = 0;
  private colors = new Map<string, string>();
  private generation = 0;

  constructor(host: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'pod-layer';
    this.canvas.setAttribute('aria-hidden', 'true');
    host.appendChild(this.canvas);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('canvas 2D is not available');
    this.ctx = ctx;
  }

  /** Re-reads the theme colours (call after a theme change). */
  refreshColors(): void {
    this.colors.clear();
    this.draw(performance.now());
  }

  /**
   * The canvas covers only the visible part of the (possibly very tall) layout; a full-height canvas
   * meant rasterizing thousands of rows per frame.
   */
  setViewport(scrollTop: number, visibleHeight: number): void {
    this.view(scrollTop, visibleHeight);
    this.resize(this.width, this.height);
    this.draw(performance.now());
  }

  private view(scrollTop: number, visibleHeight: number): void {
    this.viewTop = Math.max(0, scrollTop);
    this.viewHeight = Math.max(1, visibleHeight);
    this.canvas.style.top = `${this.viewTop}px`;
  }

  /** The pods of a new frame (tweened over `duration` ms), seen through `viewport` (see
   *  setViewport), drawn once instead of once per call. */
  update(
    dots: readonly PodDot[],
    width: number,
    height: number,
    duration: number,
    viewport?: { top: number; height: number },
  ): void {
    if (viewport) this.view(viewport.top, viewport.height);
    this.resize(width, height);
    const now = performance.now();
    // Where each sprite is now, under the tween it had (read before `duration` changes).
    const was = this.duration;
    this.duration = duration;
    const gen = ++this.generation;
    // No allocation per pod that stays (2,000 at a time): a result's update was ~1/3 of the
    // cluster view's task, much of it building throw-away objects and a Set of every key.
    for (const d of dots) {
      const s = this.sprites.get(d.pod.key);
      if (!s) {
        this.sprites.set(d.pod.key, {
          pod: d.pod,
          fromX: d.x,
          fromY: d.y,
          x: d.x,
          y: d.y,
          fromAlpha: 0,
          alpha: 1,
          start: now,
          seen: gen,
        });
        continue;
      }
      s.pod = d.pod;
      s.seen = gen;
      if (s.x === d.x && s.y === d.y) continue; // unchanged: no new tween
      const e = this.eased(s, now, was);
      s.fromX += (s.x - s.fromX) * e;
      s.fromY += (s.y - s.fromY) * e;
      s.fromAlpha += (s.alpha - s.fromAlpha) * e;
      s.x = d.x;
      s.y = d.y;
      s.alpha = 1;
      s.start = now;
    }
    for (const [key, s] of this.sprites) {
      if (s.seen === gen) continue;
      const e = this.eased(s, now, was);
      const x = s.fromX + (s.x - s.fromX) * e;
      const y = s.fromY + (s.y - s.fromY) * e;
      this.leaving.push({
        ...s,
        fromX: x,
        fromY: y,
        x,
        y,
        fromAlpha: s.fromAlpha + (s.alpha - s.fromAlpha) * e,
        alpha: 0,
        start: now,
      });
      this.sprites.delete(key);
    }
    this.busyUntil = now + duration;
    if (duration <= 0) this.draw(now);
    else if (this.raf === undefined) this.raf = requestAnimationFrame(this.frame);
  }

  /** The pod under a point in layout coordinates, if any. */
  hit(x: number, y: number): PodView | undefined {
    for (const s of this.sprites.values()) {
      if (x >= s.x && x <= s.x + POD && y >= s.y && y <= s.y + POD) return s.pod;
    }
    return undefined;
  }

  destroy(): void {
    if (this.raf !== undefined) cancelAnimationFrame(this.raf);
    this.canvas.remove();
  }

  private readonly frame = (now: number) => {
    this.draw(now);
    const busy = now < this.busyUntil;
    this.raf = busy ? requestAnimationFrame(this.frame) : undefined;
    if (!busy) this.leaving = [];
  };

  /** How far along its tween a sprite is at `now` (0 to 1, eased), for a tween of `duration`. */
  private eased(s: Sprite, now: number, duration = this.duration): number {
    return easeInOut(duration <= 0 ? 1 : Math.min(1, Math.max(0, (now - s.start) / duration)));
  }

  private position(s: Sprite, now: number): { x: number; y: number; alpha: number } {
    const e = this.eased(s, now);
    return {
      x: s.fromX + (s.x - s.fromX) * e,
      y: s.fromY + (s.y - s.fromY) * e,
      alpha: s.fromAlpha + (s.alpha - s.fromAlpha) * e,
    };
  }

  private resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    const h = Math.min(height, this.viewHeight || height);
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    const pw = Math.ceil(width * dpr);
    const ph = Math.ceil(h * dpr);
    if (this.canvas.width !== pw || this.canvas.height !== ph) {
      this.canvas.width = pw;
      this.canvas.height = ph;
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${h}px`;
    }
    // Layout coordinates → canvas: shift up by the scroll offset.
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, -this.viewTop * dpr);
  }

  private color(pod: PodView): string {
    return this.named(pod.daemon ? '--pod-daemon' : PHASE_VAR[pod.phase]);
  }

  /**
   * A pod that mounts volumes is drawn as a cylinder (the usual "disk" glyph): a body between two
   * ellipses, its top rim in the background colour. While a claim is unbound it is dimmed to an
   * outline, so a pod waiting for its volume reads differently from one waiting for a node.
   */
  private cylinder(x: number, y: number, bound: boolean, alpha: number): void {
    const ctx = this.ctx;
    const rx = POD / 2;
    const ry = 2;
    const cx = x + rx;
    ctx.beginPath();
    ctx.ellipse(cx, y + ry, rx, ry, 0, Math.PI, 0);
    ctx.lineTo(x + POD, y + POD - ry);
    ctx.ellipse(cx, y + POD - ry, rx, ry, 0, 0, Math.PI);
    ctx.closePath();
    if (bound) {
      ctx.fill();
      ctx.strokeStyle = this.named('--node-card', '#fff');
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.ellipse(cx, y + ry, rx - 0.5, ry - 0.5, 0, 0, Math.PI * 2);
      ctx.stroke();
      return;
    }
    ctx.globalAlpha = alpha * 0.35;
    ctx.fill();
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = ctx.fillStyle;
    ctx.lineWidth = 1;
    ctx.stroke();
  }

  private named(name: string, fallback = '#888'): string {
    let c = this.colors.get(name);
    if (!c) {
      c = getComputedStyle(this.canvas).getPropertyValue(name).trim() || fallback;
      this.colors.set(name, c);
    }
    return c;
  }

  private draw(now: number): void {
    const ctx = this.ctx;
    const top = this.viewTop;
    const bottom = top + (this.viewHeight || this.height);
    ctx.clearRect(0, top, this.width, bottom - top);
    for (const list of [this.sprites.values(), this.leaving.values()]) {
      for (const s of list) {
        const pos = this.position(s, now);
        if (pos.alpha <= 0.01 || pos.y + POD < top || pos.y > bottom) continue;
        ctx.globalAlpha = s.pod.phase === 'Terminating' ? pos.alpha * 0.5 : pos.alpha;
        ctx.fillStyle = this.color(s.pod);
        if (s.pod.volume) this.cylinder(pos.x, pos.y, s.pod.volume.bound, pos.alpha);
        else ctx.fillRect(pos.x, pos.y, POD, POD);
      }
    }
    ctx.globalAlpha = 1;
  }
}
