/** @jest-environment node */
test('the node environment has no document', () => {
  expect(typeof document).toBe('undefined');
});
