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

// fieldRules are the values and special characters each field takes, from
// the table of Quartz's CronExpression documentation.
var fieldRules = []string{
	"0-59 and , - * /", "0-59 and , - * /", "0-23 and , - * /", "1-31 and , - * ? / L W",
	"1-12 or JAN-DEC and , - * /", "1-7 (SUN=1) or SUN-SAT and , - * ? / L #", "years and , - * /",
}

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
//   - Ranges that wrap around ("FRI-MON", "22-2/2"), increments of 0 and
//     large increments on a range, as Quartz's addToSet takes them (see
//     rewrite); go-quartz refuses them.
//   - The year field: any year, as Quartz's parser takes it (see
//     checkYear); go-quartz takes 1970-3940.
//   - "L-n" and "L-nW" in day-of-month: n from 0 to 30 ("Offset from last
//     day must be <= 30"); go-quartz takes 1 to 31 and no "L-nW".
//
// Known difference left: Quartz's parser ignores some characters after a
// complete value ("8X" is 8, a step after a day name is dropped, "L" in the
// year field is ignored) where this refuses them, as go-quartz does.
func Validate(expr string) error {
	// go-quartz would take these as separators too.
	if strings.ContainsAny(expr, "\n\r\f") {
		return errors.New("fields are separated by spaces or tabs only")
	}
	fields := strings.FieldsFunc(strings.ToUpper(expr), func(r rune) bool { return r == ' ' || r == '\t' })
	if len(fields) < 6 || len(fields) > 7 {
		noun := "fields"
		if len(fields) == 1 {
			noun = "field"
		}
		return fmt.Errorf("it has %d %s; Quartz takes six (second minute hour day-of-month month day-of-week) and an optional seventh (year)", len(fields), noun)
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
	shown := slices.Clone(fields)
	for i := range dayOfWeek + 1 {
		fields[i] = rewrite(i, fields[i])
	}
	if len(fields) == 7 {
		if err := checkYear(fields[6]); err != nil {
			return err
		}
		fields[6] = "*"
	}
	if err := goquartz.ValidateCronExpression(strings.Join(fields, " ")); err != nil {
		return fieldError(shown, fields, err)
	}
	return nil
}

// fieldError names the field go-quartz refused: each field (as handed to
// it) is tried alone among fields known to be valid; the first refused one
// is named as the user wrote it (shown).
func fieldError(shown, fields []string, err error) error {
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
			return fmt.Errorf("the %s field %q is not valid (%s); it takes %s", fieldNames[i], shown[i], reason(perr), fieldRules[i])
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

// rewrite hands go-quartz, for field i, a field it takes that Quartz
// treats alike, where the two differ:
//   - a range that wraps around ("22-2", "FRI-MON", "22-2/2"): Quartz
//     counts on past the field's end (addToSet); go-quartz refuses it. It
//     becomes the list of the values Quartz fills in.
//   - an increment of 0 ("*/0", "5/0", "1-5/0"): Quartz takes "*/0" as
//     "*" and "a/0", "a-b/0" as "a"; go-quartz refuses a step of 0.
//   - a numeric range with an increment larger than the field
//     ("0-30/90"): Quartz checks the increment of "a/n" and "*/n" only.
//
// Anything else is left as it is, for go-quartz to judge.
func rewrite(i int, f string) string {
	parts := strings.Split(f, ",")
	for j, p := range parts {
		base, step, hasStep := strings.Cut(p, "/")
		incr := 1
		if hasStep {
			n, err := strconv.Atoi(step)
			if err != nil || n < 0 {
				continue
			}
			incr = n
		}
		a, b, isRange := strings.Cut(base, "-")
		if !isRange {
			if incr == 0 {
				parts[j] = base // "*/0" is "*", "a/0" is "a"
			}
			continue
		}
		from, okA := fieldValue(i, a)
		to, okB := fieldValue(i, b)
		if !okA || !okB || (hasStep && (!isNumber(a) || !isNumber(b))) {
			continue
		}
		lo, hi := bounds[i][0], bounds[i][1]
		switch {
		case incr == 0:
			parts[j] = strconv.Itoa(from)
		case to < from || incr > hi:
			span := hi - lo + 1 // Quartz's max: 60, 24, 31, 12, 7
			stop := to
			if to < from {
				stop += span
			}
			var vals []string
			for v := from; v <= stop; v += incr {
				w := v % span
				if w == 0 && lo == 1 {
					w = span // one-based fields: 31, 12, 7, not 0
				}
				vals = append(vals, strconv.Itoa(w))
			}
			parts[j] = strings.Join(vals, ",")
		}
	}
	return strings.Join(parts, ",")
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
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

// yearItemRE is one item of a year list: "*", "2030", "2030-2035", each
// with an optional "/n".
var yearItemRE = regexp.MustCompile(`^(\*|([0-9]+)(-([0-9]+))?)(/[0-9]+)?$`)

// checkYear applies Quartz's rules to the optional year field: its parser
// takes any year (its documentation's table says 1970-2099, go-quartz
// 1970-3940) but no range that ends before it starts ("Start year must be
// less than stop year") and no names.
func checkYear(f string) error {
	for _, item := range strings.Split(f, ",") {
		m := yearItemRE.FindStringSubmatch(item)
		if m == nil {
			return fmt.Errorf("the year field %q is not valid: a year is a number, a range or \"*\", with an optional \"/n\"", f)
		}
		if m[4] != "" {
			from, _ := strconv.Atoi(m[2])
			to, _ := strconv.Atoi(m[4])
			if to < from {
				return fmt.Errorf("the year field %q is not valid: the range %s ends before it starts", f, m[1])
			}
		}
	}
	return nil
}
