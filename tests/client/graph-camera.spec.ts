// Tests of GraphCamera: the fitted view, zooming about a fixed point, and the CSS transform of a drawn frame.
import { GraphCamera, MAX_CAMERA_RATIO, STAGE_PADDING } from "../../client/src/graph-camera";

const EXTENT = { minX: -100, maxX: 100, minY: -50, maxY: 50 };

describe("GraphCamera", () => {
  test("fits the extent into the viewport with the stage padding, graph y up", () => {
    const camera = new GraphCamera(EXTENT, 480, 400);
    expect(camera.graphToViewport(-100, 0)).toEqual({ x: STAGE_PADDING, y: 200 });
    expect(camera.graphToViewport(100, 50)).toEqual({ x: 480 - STAGE_PADDING, y: 200 - 50 * 2 });
  });

  test("zoomAt keeps the graph point under the pointer in place and clamps the ratio", () => {
    const camera = new GraphCamera(EXTENT, 480, 400);
    const anchor = camera.viewportToGraph(100, 300);
    camera.zoomAt(100, 300, 4);
    expect(camera.state.ratio).toBeCloseTo(0.25);
    const back = camera.graphToViewport(anchor.x, anchor.y);
    expect(back.x).toBeCloseTo(100);
    expect(back.y).toBeCloseTo(300);
    camera.zoomAt(0, 0, 1e-6);
    expect(camera.state.ratio).toBe(MAX_CAMERA_RATIO);
  });

  test("pan follows the drag", () => {
    const camera = new GraphCamera(EXTENT, 480, 400);
    const before = camera.graphToViewport(10, 10);
    camera.pan(30, -20);
    const after = camera.graphToViewport(10, 10);
    expect(after.x).toBeCloseTo(before.x + 30);
    expect(after.y).toBeCloseTo(before.y - 20);
  });

  test("transformFrom moves every point of a frame drawn earlier to where the camera now draws it", () => {
    const camera = new GraphCamera(EXTENT, 480, 400);
    camera.pan(15, 25);
    const drawn = { ...camera.state };
    camera.zoomAt(300, 120, 1.7);
    camera.pan(-40, 10);
    const { tx, ty, scale } = camera.transformFrom(drawn);
    for (const [x, y] of [
      [0, 0],
      [-100, 50],
      [73, -12],
    ]) {
      const then = camera.graphToViewport(x, y, drawn);
      const now = camera.graphToViewport(x, y);
      expect(tx + then.x * scale).toBeCloseTo(now.x);
      expect(ty + then.y * scale).toBeCloseTo(now.y);
    }
  });
});
