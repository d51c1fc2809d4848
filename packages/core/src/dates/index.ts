export {
  addDays,
  daysBetween,
  fromDayNumber,
  isPlainDate,
  isTimeZone,
  type PlainDate,
  plainDateIn,
  toDayNumber,
} from './plain-date.js';
