// date-fns (dual package) through require, so the "require" condition of its exports map is
// used. Every date is fixed and the suite runs with TZ=UTC; Date objects are printed by
// console.log (util.inspect shows them as ISO strings), formatted strings as JSON.
const fns = require('date-fns');
const { enGB } = require('date-fns/locale');
const addDays = require('date-fns/addDays');

const base = new Date(Date.UTC(2024, 1, 28, 13, 45, 30, 123)); // Wed 28 Feb 2024 (a leap year)
const other = new Date(Date.UTC(2021, 6, 4, 9, 0, 0));
const show = (label, value) => console.log(label, value);

show('base', base);
show('addDays (subpath)', addDays.addDays(base, 2));
show('add', fns.add(base, { years: 1, months: 1, days: 1, hours: 1, minutes: 1, seconds: 1 }));
show('sub', fns.sub(base, { months: 13, days: 29 }));
show('addMonths end of month', fns.addMonths(new Date(Date.UTC(2024, 0, 31)), 1));
show('addBusinessDays', fns.addBusinessDays(base, 3));
show('startOf/endOf', [fns.startOfWeek(base), fns.startOfWeek(base, { weekStartsOn: 1 }), fns.endOfMonth(base), fns.startOfQuarter(base), fns.endOfYear(base)]);
show('differences', {
  days: fns.differenceInDays(base, other),
  months: fns.differenceInMonths(base, other),
  calendarWeeks: fns.differenceInCalendarWeeks(base, other),
  businessDays: fns.differenceInBusinessDays(base, other),
  hours: fns.differenceInHours(base, other),
});
show('intervalToDuration', fns.intervalToDuration({ start: other, end: base }));
show('eachDayOfInterval', fns.eachDayOfInterval({ start: base, end: fns.addDays(base, 3) }));
show('eachWeekendOfMonth', fns.eachWeekendOfMonth(base).map((d) => d.getUTCDate()));
show('comparisons', [fns.isAfter(base, other), fns.isBefore(base, other), fns.isEqual(base, new Date(base)), fns.isSameMonth(base, fns.addDays(base, 1)), fns.isLeapYear(base), fns.isWeekend(base), fns.isValid(new Date(NaN))]);
show('min/max/closest', [fns.min([base, other]), fns.max([base, other]), fns.closestTo(base, [other, fns.addDays(base, -3), fns.addDays(base, 5)])]);
show('getters', [fns.getDay(base), fns.getDayOfYear(base), fns.getISOWeek(base), fns.getWeek(base), fns.getQuarter(base), fns.getDaysInMonth(base), fns.getUnixTime(base)]);
show('setters', fns.set(base, { year: 2000, month: 0, date: 1, hours: 0 }));

const patterns = ['yyyy-MM-dd', 'PPPP', 'PPpp', "EEEE, do 'of' MMMM yyyy", 'h:mm a', 'HH:mm:ss.SSS', 'Qo QQQ', 'ww/I R', 'LLLL LLL', 'eeee eo', "t T 'x'", 'yy MMMMM d'];
for (const p of patterns) show('format ' + p, JSON.stringify(fns.format(base, p)));
show('format enGB', JSON.stringify(fns.format(base, 'PPPP p', { locale: enGB })));
show('formatISO', [fns.formatISO(base), fns.formatISO(base, { representation: 'date' }), fns.formatISO9075(base), fns.formatRFC3339(base, { fractionDigits: 3 }), fns.formatRFC7231(base)]);
show('formatDistance', [fns.formatDistance(other, base), fns.formatDistance(base, fns.addSeconds(base, 40), { includeSeconds: true }), fns.formatDistance(base, fns.addHours(base, 5), { addSuffix: true })]);
show('formatDistanceStrict', [fns.formatDistanceStrict(base, other), fns.formatDistanceStrict(base, other, { unit: 'day' })]);
show('formatRelative', fns.formatRelative(fns.subDays(base, 2), base));
show('formatDuration', [fns.formatDuration({ years: 2, months: 9, weeks: 1, days: 7, hours: 5 }), fns.formatDuration({ minutes: 0, seconds: 30 }, { zero: true, delimiter: ', ' })]);
show('parse', [fns.parse('02/11/2014 14:05', 'MM/dd/yyyy HH:mm', base), fns.parse('3rd of June 2020', "do 'of' MMMM yyyy", base), fns.parse('nonsense', 'yyyy', base)]);
show('parseISO', [fns.parseISO('2014-02-11T11:30:30'), fns.parseISO('2014-W07-2'), fns.parseISO('+002014-101'), fns.parseISO('2014-02-11T11:30:30.5+02:00')]);
show('isMatch/lightFormat', [fns.isMatch('2024-02-30', 'yyyy-MM-dd'), fns.isMatch('2024-02-29', 'yyyy-MM-dd'), fns.lightFormat(base, 'yyyy-MM-dd HH:mm:ss.SSS')]);
show('roundToNearestMinutes', fns.roundToNearestMinutes(base, { nearestTo: 15 }));
show('areIntervalsOverlapping', fns.areIntervalsOverlapping({ start: other, end: base }, { start: fns.addDays(base, -1), end: fns.addDays(base, 1) }));
show('milliseconds', fns.milliseconds({ days: 1, hours: 2 }));
const constants = require('date-fns/constants');
show('constants', [constants.daysInWeek, constants.millisecondsInHour, constants.maxTime, constants.minTime]);
