// Small-script benchmark: load two popular packages (lodash is CommonJS, zod an ES module with
// a CommonJS twin) and do a little real work with them, so module resolution, loading and
// evaluation dominate, not the work itself.
import _ from 'lodash';
import { z } from 'zod';

interface Order {
  id: number;
  customer: string;
  total: number;
  items: string[];
}

const Order = z.object({
  id: z.number().int().positive(),
  customer: z.string().min(1),
  total: z.number().nonnegative(),
  items: z.array(z.string()).min(1),
});

const orders: Order[] = _.range(1, 201).map((id: number) => ({
  id,
  customer: ['ada', 'grace', 'linus', 'ken'][id % 4],
  total: (id * 37) % 500,
  items: _.times((id % 3) + 1, (i: number) => 'sku-' + ((id + i) % 17)),
}));

const valid = orders.filter((o) => Order.safeParse(o).success);
const byCustomer = _.mapValues(_.groupBy(valid, 'customer'), (list: Order[]) => _.sumBy(list, 'total'));
const topItems = _.take(_.orderBy(_.toPairs(_.countBy(_.flatMap(valid, 'items'))), [1, 0], ['desc', 'asc']), 3);
console.log(JSON.stringify({ valid: valid.length, byCustomer, topItems }));
