import '@testing-library/jest-dom';

// jsdom has no layout: charts measure their box with ResizeObserver, which it lacks.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= ResizeObserverStub;

// jsdom has no scrolling either; navigation scrolls to the top.
window.scrollTo = () => undefined;
Element.prototype.scrollIntoView = () => undefined;
