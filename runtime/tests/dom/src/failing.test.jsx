// @vitest-environment happy-dom
import { render, screen } from '@testing-library/react';
import '@testing-library/jest-dom';
import { Counter } from './Counter';

test('a wrong expectation fails with the DOM matcher message', () => {
  render(<Counter label="Clicks" />);
  expect(screen.getByRole('button')).toHaveTextContent('remove');
});
