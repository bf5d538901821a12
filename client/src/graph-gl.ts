// The family's WebGL2 layer: three small programs (links as GL lines, the few links that must stand out as thick
// quads, models as round points) fed straight from the scene's typed arrays, one buffer upload per array. Software GL
// (SwiftShader) pays per shaded pixel, so nothing is drawn twice: no picking pass (node-picker.ts finds the hovered
// model), no anti-aliasing of links.
import { BACKGROUND_COLOR, INFERRED_DASH } from "./graph-style";
import { type GraphScene, THICK_EDGE_FLOATS } from "./graph-scene";

const EDGE_VERTEX = `#version 300 es
in vec2 a_position;
in vec4 a_color;
in float a_along;
uniform vec2 u_center;
uniform vec2 u_scale;
out vec4 v_color;
out float v_along;
void main() {
  // A transparent (hidden) link is moved out of the clip volume: no pixel of it is shaded.
  gl_Position = a_color.a == 0.0 ? vec4(2.0, 2.0, 2.0, 1.0) : vec4((a_position - u_center) * u_scale, 0.0, 1.0);
  v_color = a_color;
  v_along = a_along;
}`;

const EDGE_FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_color;
in float v_along;
uniform float u_pixelsPerUnit;
uniform float u_dash;
out vec4 fragColor;
void main() {
  if (v_along >= 0.0 && mod(v_along * u_pixelsPerUnit, 2.0 * u_dash) > u_dash) discard;
  fragColor = v_color;
}`;

// A thick link: one instance per link, a quad of 4 corners (x: 0 at the parent, 1 at the child; y: the side) pushed
// half its width in pixels either side of the line (GL lines are 1 pixel wide in SwiftShader, whatever lineWidth says).
const THICK_VERTEX = `#version 300 es
in vec2 a_corner;
in vec4 a_ends;
in vec2 a_along;
in float a_width;
in vec4 a_color;
uniform vec2 u_center;
uniform vec2 u_scale;
uniform vec2 u_viewport;
uniform float u_pixelRatio;
out vec4 v_color;
out float v_along;
void main() {
  vec2 from = (a_ends.xy - u_center) * u_scale;
  vec2 to = (a_ends.zw - u_center) * u_scale;
  vec2 pixels = (to - from) * u_viewport;
  float span = length(pixels);
  vec2 normal = span > 0.0 ? vec2(-pixels.y, pixels.x) / span : vec2(0.0, 1.0);
  // Pixels to clip space: 2 / viewport.
  vec2 offset = normal * a_corner.y * a_width * u_pixelRatio * 2.0 / u_viewport;
  gl_Position = vec4(mix(from, to, a_corner.x) + offset, 0.0, 1.0);
  v_color = a_color;
  v_along = a_along.x < 0.0 ? -1.0 : mix(a_along.x, a_along.y, a_corner.x);
}`;

const NODE_VERTEX = `#version 300 es
in vec2 a_position;
in vec4 a_color;
in float a_radius;
uniform vec2 u_center;
uniform vec2 u_scale;
uniform float u_pixelRatio;
out vec4 v_color;
out float v_radius;
out float v_size;
void main() {
  gl_Position = a_radius > 0.0 ? vec4((a_position - u_center) * u_scale, 0.0, 1.0) : vec4(2.0, 2.0, 2.0, 1.0);
  v_radius = a_radius * u_pixelRatio;
  // One pixel of margin for the anti-aliased rim.
  v_size = 2.0 * v_radius + 2.0;
  gl_PointSize = v_size;
  v_color = a_color;
}`;

const NODE_FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_color;
in float v_radius;
in float v_size;
out vec4 fragColor;
void main() {
  float distance = length(gl_PointCoord - 0.5) * v_size;
  float coverage = clamp(v_radius - distance + 0.5, 0.0, 1.0);
  if (coverage <= 0.0) discard;
  fragColor = vec4(v_color.rgb, v_color.a * coverage);
}`;

export interface GlCamera {
  /** Graph point at the viewport's centre, and viewport pixels per graph unit. */
  x: number;
  y: number;
  scale: number;
}

export interface GraphGl {
  /** Uploads the positions (after a sync of the scene). */
  uploadPositions(scene: GraphScene): void;
  /** Uploads the colours, radii and draw order (after a restyle). */
  uploadStyles(scene: GraphScene): void;
  /** Resizes the drawing buffer to the canvas's CSS size. */
  resize(width: number, height: number): void;
  draw(camera: GlCamera): void;
  kill(): void;
}

export class WebGlUnavailableError extends Error {
  constructor() {
    super("This browser gives no WebGL2 context: the family cannot be drawn (enable WebGL or hardware acceleration)");
    this.name = "WebGlUnavailableError";
  }
}

function compile(gl: WebGL2RenderingContext, vertex: string, fragment: string): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertex],
    [gl.FRAGMENT_SHADER, fragment],
  ] as const) {
    const shader = gl.createShader(type);
    if (!shader) throw new WebGlUnavailableError();
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  // Asked once per program, after both shaders: a failure names the log, success costs one round trip.
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    throw new Error(`graph-gl: a shader failed to link: ${gl.getProgramInfoLog(program) ?? "no log"}`);
  }
  return program;
}

export function createGraphGl(canvas: HTMLCanvasElement, pixelRatio: number): GraphGl {
  const gl = canvas.getContext("webgl2", { antialias: false, alpha: false, depth: false, stencil: false });
  if (!gl) throw new WebGlUnavailableError();
  const edgeProgram = compile(gl, EDGE_VERTEX, EDGE_FRAGMENT);
  const thickProgram = compile(gl, THICK_VERTEX, EDGE_FRAGMENT);
  const nodeProgram = compile(gl, NODE_VERTEX, NODE_FRAGMENT);
  const uniforms = (program: WebGLProgram, names: string[]) =>
    Object.fromEntries(names.map((name) => [name, gl.getUniformLocation(program, name)]));
  const edgeUniforms = uniforms(edgeProgram, ["u_center", "u_scale", "u_pixelsPerUnit", "u_dash"]);
  const thickUniforms = uniforms(thickProgram, [
    "u_center",
    "u_scale",
    "u_viewport",
    "u_pixelRatio",
    "u_pixelsPerUnit",
    "u_dash",
  ]);
  const nodeUniforms = uniforms(nodeProgram, ["u_center", "u_scale", "u_pixelRatio"]);

  const buffers: WebGLBuffer[] = [];
  /** A buffer bound to a program's attribute in the current vertex array. */
  const attribute = (program: WebGLProgram, name: string, size: number, type: number, normalized = false) => {
    const buffer = gl.createBuffer();
    buffers.push(buffer);
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    pointAt(program, name, size, type, normalized);
    return buffer;
  };
  /** Binds an attribute to the bound buffer; `divisor` 1 for one value per instance. */
  const pointAt = (
    program: WebGLProgram,
    name: string,
    size: number,
    type: number,
    normalized = false,
    stride = 0,
    offset = 0,
    divisor = 0,
  ) => {
    const location = gl.getAttribLocation(program, name);
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, size, type, normalized, stride, offset);
    gl.vertexAttribDivisor(location, divisor);
  };
  const elements = () => {
    const buffer = gl.createBuffer();
    buffers.push(buffer);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, buffer);
    return buffer;
  };
  const edgeArray = gl.createVertexArray();
  gl.bindVertexArray(edgeArray);
  const edgePositions = attribute(edgeProgram, "a_position", 2, gl.FLOAT);
  const edgeColors = attribute(edgeProgram, "a_color", 4, gl.UNSIGNED_BYTE, true);
  const edgeAlong = attribute(edgeProgram, "a_along", 1, gl.FLOAT);
  const thickArray = gl.createVertexArray();
  gl.bindVertexArray(thickArray);
  attribute(thickProgram, "a_corner", 2, gl.FLOAT);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0, -0.5, 0, 0.5, 1, -0.5, 1, 0.5]), gl.STATIC_DRAW);
  const thickEdges = gl.createBuffer();
  buffers.push(thickEdges);
  gl.bindBuffer(gl.ARRAY_BUFFER, thickEdges);
  const stride = 4 * THICK_EDGE_FLOATS;
  pointAt(thickProgram, "a_ends", 4, gl.FLOAT, false, stride, 0, 1);
  pointAt(thickProgram, "a_along", 2, gl.FLOAT, false, stride, 16, 1);
  pointAt(thickProgram, "a_width", 1, gl.FLOAT, false, stride, 24, 1);
  const thickColors = gl.createBuffer();
  buffers.push(thickColors);
  gl.bindBuffer(gl.ARRAY_BUFFER, thickColors);
  pointAt(thickProgram, "a_color", 4, gl.UNSIGNED_BYTE, true, 0, 0, 1);
  const nodeArray = gl.createVertexArray();
  gl.bindVertexArray(nodeArray);
  const nodePositions = attribute(nodeProgram, "a_position", 2, gl.FLOAT);
  const nodeColors = attribute(nodeProgram, "a_color", 4, gl.UNSIGNED_BYTE, true);
  const nodeRadii = attribute(nodeProgram, "a_radius", 1, gl.FLOAT);
  const topNodes = elements();
  gl.bindVertexArray(null);

  const upload = (target: number, buffer: WebGLBuffer, data: ArrayBufferView, array: WebGLVertexArrayObject) => {
    gl.bindVertexArray(array);
    gl.bindBuffer(target, buffer);
    gl.bufferData(target, data, gl.DYNAMIC_DRAW);
    gl.bindVertexArray(null);
  };
  let counts = { nodes: 0, edges: 0, topNodes: 0, thickEdges: 0 };
  const background = [1, 3, 5].map((at) => Number.parseInt(BACKGROUND_COLOR.slice(at, at + 2), 16) / 255);

  return {
    uploadPositions(scene) {
      upload(gl.ARRAY_BUFFER, edgePositions, scene.edgePositions, edgeArray);
      upload(gl.ARRAY_BUFFER, edgeAlong, scene.edgeAlong, edgeArray);
      upload(gl.ARRAY_BUFFER, nodePositions, scene.positions, nodeArray);
      counts = { ...counts, nodes: scene.order, edges: scene.size };
    },
    uploadStyles(scene) {
      upload(gl.ARRAY_BUFFER, edgeColors, scene.edgeColors, edgeArray);
      upload(gl.ARRAY_BUFFER, thickEdges, scene.thickEdges, thickArray);
      upload(gl.ARRAY_BUFFER, thickColors, scene.thickColors, thickArray);
      upload(gl.ARRAY_BUFFER, nodeColors, scene.nodeColors, nodeArray);
      upload(gl.ARRAY_BUFFER, nodeRadii, scene.radii, nodeArray);
      upload(gl.ELEMENT_ARRAY_BUFFER, topNodes, scene.topNodes, nodeArray);
      counts = {
        ...counts,
        topNodes: scene.topNodes.length,
        thickEdges: scene.thickEdges.length / THICK_EDGE_FLOATS,
      };
    },
    resize(width, height) {
      canvas.width = Math.max(1, Math.round(width * pixelRatio));
      canvas.height = Math.max(1, Math.round(height * pixelRatio));
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    },
    draw(camera) {
      const { width, height } = canvas;
      gl.viewport(0, 0, width, height);
      gl.clearColor(background[0], background[1], background[2], 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
      const pixels = camera.scale * pixelRatio;
      const scale = [(2 * pixels) / width, (2 * pixels) / height];

      gl.useProgram(edgeProgram);
      gl.uniform2f(edgeUniforms.u_center, camera.x, camera.y);
      gl.uniform2f(edgeUniforms.u_scale, scale[0], scale[1]);
      gl.uniform1f(edgeUniforms.u_pixelsPerUnit, pixels);
      gl.uniform1f(edgeUniforms.u_dash, INFERRED_DASH * pixelRatio);
      gl.bindVertexArray(edgeArray);
      if (counts.edges > 0) gl.drawArrays(gl.LINES, 0, 2 * counts.edges);
      if (counts.thickEdges > 0) {
        gl.useProgram(thickProgram);
        gl.uniform2f(thickUniforms.u_center, camera.x, camera.y);
        gl.uniform2f(thickUniforms.u_scale, scale[0], scale[1]);
        gl.uniform2f(thickUniforms.u_viewport, width, height);
        gl.uniform1f(thickUniforms.u_pixelRatio, pixelRatio);
        gl.uniform1f(thickUniforms.u_pixelsPerUnit, pixels);
        gl.uniform1f(thickUniforms.u_dash, INFERRED_DASH * pixelRatio);
        gl.bindVertexArray(thickArray);
        gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, counts.thickEdges);
      }

      gl.useProgram(nodeProgram);
      gl.uniform2f(nodeUniforms.u_center, camera.x, camera.y);
      gl.uniform2f(nodeUniforms.u_scale, scale[0], scale[1]);
      gl.uniform1f(nodeUniforms.u_pixelRatio, pixelRatio);
      gl.bindVertexArray(nodeArray);
      gl.drawArrays(gl.POINTS, 0, counts.nodes);
      if (counts.topNodes > 0) gl.drawElements(gl.POINTS, counts.topNodes, gl.UNSIGNED_INT, 0);
      gl.bindVertexArray(null);
    },
    kill() {
      for (const buffer of buffers) gl.deleteBuffer(buffer);
      gl.deleteVertexArray(edgeArray);
      gl.deleteVertexArray(thickArray);
      gl.deleteVertexArray(nodeArray);
      gl.deleteProgram(edgeProgram);
      gl.deleteProgram(thickProgram);
      gl.deleteProgram(nodeProgram);
      gl.getExtension("WEBGL_lose_context")?.loseContext();
    },
  };
}
