/**
 * @jest-environment jsdom
 */
import { render, screen, fireEvent } from '@testing-library/react';
import '@testing-library/jest-dom';
import { Counter } from './Counter';

test('a click updates the state and the text', () => {
  render(<Counter label="Clicks" />);
  fireEvent.click(screen.getByRole('button', { name: 'add' }));
  expect(screen.getByText('Clicks: 1')).toBeInTheDocument();
  expect(screen.queryByText('Clicks: 0')).not.toBeInTheDocument();
  expect(navigator.userAgent).toContain('jsdom');
});
