// dayjs (CommonJS only) imported from TypeScript with a default import, plus several of its
// CommonJS plugins. Fixed UTC instants, and the suite runs with TZ=UTC. Only erasable TS
// syntax. Mixes console.log (util.inspect of arrays/objects) and JSON.
import dayjs from 'dayjs';
import type { Dayjs, OpUnitType } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import relativeTime from 'dayjs/plugin/relativeTime.js';
import duration from 'dayjs/plugin/duration.js';
import isBetween from 'dayjs/plugin/isBetween.js';
import advancedFormat from 'dayjs/plugin/advancedFormat.js';
import weekOfYear from 'dayjs/plugin/weekOfYear.js';
import weekYear from 'dayjs/plugin/weekYear.js';
import isoWeek from 'dayjs/plugin/isoWeek.js';
import quarterOfYear from 'dayjs/plugin/quarterOfYear.js';
import dayOfYear from 'dayjs/plugin/dayOfYear.js';
import minMax from 'dayjs/plugin/minMax.js';
import objectSupport from 'dayjs/plugin/objectSupport.js';
import 'dayjs/locale/de.js';

for (const plugin of [utc, customParseFormat, relativeTime, duration, isBetween, advancedFormat, weekOfYear, weekYear, isoWeek, quarterOfYear, dayOfYear, minMax, objectSupport]) {
  dayjs.extend(plugin);
}

interface Row {
  label: string;
  value: string | number | boolean | null;
}

const base: Dayjs = dayjs.utc('2024-02-28T13:45:30.123Z');
const other: Dayjs = dayjs.utc('2021-07-04T09:00:00Z');
const rows: Row[] = [];
const row = (label: string, value: Row['value']): void => {
  rows.push({ label, value });
};

row('iso', base.toISOString());
row('format default', base.format());
row('format tokens', base.format('YYYY YY M MM MMM MMMM D DD d dd ddd dddd H HH h hh m mm s ss SSS A a Z ZZ'));
row('format escaped', base.format('[Today is] dddd, MMMM D [at] h:mm A'));
row('advancedFormat', base.format('Q Do k kk X x w ww wo gggg GGGG W WW Wo'));
row('unix/valueOf', base.unix() + base.valueOf());
row('quarter', base.quarter());
row('getters', [base.year(), base.month(), base.date(), base.day(), base.hour(), base.minute(), base.second(), base.millisecond()].join(','));
row('add', base.add(1, 'month').add(2, 'day').add(3, 'hour').toISOString());
row('subtract', base.subtract(1, 'year').subtract(1, 'week').toISOString());
row('leap year month add', dayjs.utc('2024-01-31').add(1, 'month').format('YYYY-MM-DD'));
for (const unit of ['year', 'quarter', 'month', 'week', 'isoWeek', 'day', 'hour'] as OpUnitType[]) {
  row('startOf ' + unit, base.startOf(unit).toISOString());
  row('endOf ' + unit, base.endOf(unit).toISOString());
}
row('diff days', base.diff(other, 'day'));
row('diff months float', base.diff(other, 'month', true));
row('diff years', base.diff(other, 'year'));
row('isBefore/isAfter/isSame', [base.isBefore(other), base.isAfter(other), base.isSame(base.clone()), base.isSame(other, 'month')].join(','));
row('isBetween', base.isBetween(other, base.add(1, 'day'), 'day', '[)'));
row('daysInMonth/isLeap', base.daysInMonth());
row('dayOfYear/week/isoWeek', [base.dayOfYear(), base.week(), base.isoWeek(), base.isoWeekday()].join('/'));
row('relative from', base.from(other));
row('relative to', other.to(base));
row('relative short', base.add(45, 'second').from(base, true));
row('relative minutes', base.subtract(90, 'minute').from(base));
row('customParseFormat', dayjs.utc('12-25-1995 07:08', 'MM-DD-YYYY HH:mm').toISOString());
row('strict parse invalid', dayjs('1995-02-30', 'YYYY-MM-DD', true).isValid());
row('invalid', dayjs('not a date').format());
row('objectSupport', dayjs.utc({ year: 2010, month: 1, day: 12, hour: 5 }).toISOString());
row('locale de', base.locale('de').format('dddd, D. MMMM YYYY'));
row('global locale', dayjs.locale());
row('min/max', [dayjs.min(base, other)?.format('YYYY'), dayjs.max(base, other)?.format('YYYY')].join(' '));
row('isDayjs', dayjs.isDayjs(base) && !dayjs.isDayjs(new Date()));
row('utcOffset', base.utcOffset());
row('utc().local() round trip', base.local().utc().toISOString());
row('set', base.set('month', 11).set('date', 31).format('YYYY-MM-DD'));
row('toJSON', JSON.stringify({ at: base }));

const d = dayjs.duration({ days: 1, hours: 2, minutes: 30, seconds: 15 });
row('duration iso', d.toISOString());
row('duration as', d.asMinutes());
row('duration humanize', d.humanize());
row('duration humanize suffix', dayjs.duration(-5, 'minutes').humanize(true));
row('duration format', d.format('D[d] HH:mm:ss'));
row('duration add', d.add(1, 'week').asDays());

for (const r of rows) console.log(JSON.stringify(r));
console.log('toDate', base.toDate(), typeof base.toDate().getTime());
console.log({ parts: [base.year(), base.month()], native: base.toDate(), utc: base.isUTC() });
