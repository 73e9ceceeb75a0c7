// Package quartz checks crontabs the way Quartz's CronExpression parses them
// (the CDN/DCDN deliver task schedule is one). It is a leaf package, on
// purpose: the provider's validators and the mock cloud share it, and the
// mock must not import the provider.
//
// The parsing is github.com/reugn/go-quartz's. On top of it, the rules
// Quartz has and go-quartz v0.15.2 does not enforce (see Validate).
package quartz

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	goquartz "github.com/reugn/go-quartz/quartz"
)

// Example is a valid crontab, for error messages: every Monday at 08:00.
const Example = "0 0 8 ? * MON"

// fieldNames are Quartz's fields in order; the year is optional.
var fieldNames = []string{"second", "minute", "hour", "day-of-month", "month", "day-of-week", "year"}

const (
	dayOfMonth = 3
	dayOfWeek  = 5
)

// lastOffsetRE is the day-of-month "L-n" (n days before the last day).
var lastOffsetRE = regexp.MustCompile(`^L-([0-9]+)W?$`)

// Validate returns nil when Quartz accepts expr, else an error naming the
// rule it breaks. Rules of Quartz's CronExpression (its documentation,
// "CronExpression" class comment, and source) checked here on top of
// go-quartz:
//   - Fields are separated by spaces or tabs (Quartz's tokenizer), six or
//     seven of them; go-quartz also takes "@daily"-style macros, Quartz none.
//   - '?' is allowed only in the day-of-month and day-of-week fields, and
//     exactly one of those two is '?' ("Support for specifying both a
//     day-of-week AND a day-of-month parameter is not implemented"; "* *"
//     and "? ?" are refused too). go-quartz refuses only two specific days.
//   - The expression is not case sensitive (Quartz upper-cases it; go-quartz
//     upper-cases names but not the 'L' and 'W' flags).
//   - A range may wrap around ("FRI-MON", "22-2" hours), as Quartz's
//     addToSet allows outside the year field; go-quartz refuses it, so such a
//     range is handed to it as two ("FRI-7,1-MON").
//   - "L-n" and "L-nW" in day-of-month: n from 0 to 30 ("Offset from last
//     day must be <= 30"); go-quartz takes 1 to 31 and no "L-nW".
//
// Known differences left, none in a well-formed schedule a user would
// write: Quartz ignores characters after a complete value ("8X" is 8) where
// this refuses them; it takes any year ("1969", "5000") where go-quartz
// takes 1970-3940; and it takes a wrapping range with a step ("22-2/2") and
// increments of 0, which go-quartz refuses.
func Validate(expr string) error {
	// go-quartz would take these as separators too.
	if strings.ContainsAny(expr, "\n\r\f") {
		return errors.New("fields are separated by spaces or tabs only")
	}
	fields := strings.FieldsFunc(strings.ToUpper(expr), func(r rune) bool { return r == ' ' || r == '\t' })
	if len(fields) < 6 || len(fields) > 7 {
		return fmt.Errorf("it has %d fields; Quartz takes six (second minute hour day-of-month month day-of-week) and an optional seventh (year)", len(fields))
	}
	for i, f := range fields {
		if strings.Contains(f, "?") && i != dayOfMonth && i != dayOfWeek {
			return fmt.Errorf("the %s field is %q: '?' is allowed only in day-of-month and day-of-week", fieldNames[i], f)
		}
	}
	dom, dow := fields[dayOfMonth], fields[dayOfWeek]
	switch {
	case dom == "?" && dow == "?":
		return errors.New("day-of-month and day-of-week are both '?': exactly one of them must be '?'")
	case dom != "?" && dow != "?":
		return fmt.Errorf("day-of-month is %q and day-of-week is %q: one of them must be '?' (Quartz does not support both)", dom, dow)
	}
	if m := lastOffsetRE.FindStringSubmatch(dom); m != nil {
		if n, err := strconv.Atoi(m[1]); err != nil || n > 30 {
			return fmt.Errorf("the day-of-month field is %q: the offset from the last day must be at most 30", dom)
		}
		// Quartz takes L-0 and L-nW too; go-quartz neither. Valid: hand
		// go-quartz the plain last day.
		fields[dayOfMonth] = "L"
	}
	for i := range dayOfWeek + 1 {
		fields[i] = unwrapRanges(i, fields[i])
	}
	if err := goquartz.ValidateCronExpression(strings.Join(fields, " ")); err != nil {
		return fieldError(fields, err)
	}
	return nil
}

// fieldError names the field go-quartz refused: each field is tried alone
// among fields known to be valid; the first refused one is named.
func fieldError(fields []string, err error) error {
	for i, f := range fields {
		probe := []string{"0", "0", "0", "?", "*", "*"}
		if i == dayOfWeek {
			probe[dayOfMonth], probe[dayOfWeek] = "*", "?"
		}
		if i == len(probe) {
			probe = append(probe, f)
		} else {
			probe[i] = f
		}
		if perr := goquartz.ValidateCronExpression(strings.Join(probe, " ")); perr != nil {
			return fmt.Errorf("the %s field %q is not valid (%s)", fieldNames[i], f, reason(perr))
		}
	}
	return errors.New(reason(err))
}

func reason(err error) string {
	return strings.TrimPrefix(err.Error(), goquartz.ErrCronParse.Error()+": ")
}

// bounds are the values of the first six fields, and names the names the
// month and day-of-week fields take (index = value).
var (
	bounds = [][2]int{{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}}
	names  = map[int][]string{
		4: {"", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"},
		5: {"", "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"},
	}
)

// unwrapRanges rewrites each wrapping range "a-b" (b before a, no step) of
// field i into "a-max,min-b"; anything else is left to go-quartz.
func unwrapRanges(i int, f string) string {
	parts := strings.Split(f, ",")
	for j, p := range parts {
		if strings.Contains(p, "/") {
			continue
		}
		a, b, ok := strings.Cut(p, "-")
		if !ok {
			continue
		}
		from, okA := fieldValue(i, a)
		to, okB := fieldValue(i, b)
		if okA && okB && to < from {
			parts[j] = fmt.Sprintf("%s-%d,%d-%s", a, bounds[i][1], bounds[i][0], b)
		}
	}
	return strings.Join(parts, ",")
}

// fieldValue reads a number or a name of field i within its bounds.
func fieldValue(i int, s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil {
		n = slices.Index(names[i], s)
		if n <= 0 {
			return 0, false
		}
	}
	return n, n >= bounds[i][0] && n <= bounds[i][1]
}
