import type { FC } from "react";

type Props = { name: string };

export const Hello: FC<Props> = ({ name }) => (
  <h1>
    Hello {name}
  </h1>
);

const Plain = () => <span>plain</span>;

export const Block = (props: Props) => {
  const label = props.name.toUpperCase();
  return <b>{label}</b>;
};
