// The config's environment (happy-dom) applies: no docblock.
import { render, screen, fireEvent } from '@testing-library/react';
import '@testing-library/jest-dom';
import { Counter } from './Counter';

test('a click updates the state and the text', () => {
  render(<Counter label="Clicks" />);
  expect(screen.getByText('Clicks: 0')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'add' }));
  fireEvent.click(screen.getByRole('button', { name: 'add' }));
  expect(screen.getByText('Clicks: 2')).toBeInTheDocument();
  expect(navigator.userAgent).toContain('HappyDOM');
});

test('each test starts from an empty body (testing-library cleans up after each)', () => {
  expect(document.body.innerHTML).toBe('');
  expect(window.location.href).toBe('http://localhost:3000/');
});
