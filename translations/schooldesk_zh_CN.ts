<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AdminPage</name>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="64" />
      <source>Administrator</source>
      <translation>管理员</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="65" />
      <source>The first account. It can add other users and change settings.</source>
      <translation>第一个账户，可添加其他用户并修改设置。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="67" />
      <source>&amp;User name</source>
      <translation>用户名(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="69" />
      <source>&amp;Password</source>
      <translation>密码(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="70" />
      <source>&amp;Repeat password</source>
      <translation>再次输入密码(&amp;R)</translation>
    </message>
  </context>
  <context>
    <name>BackupsBox</name>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="20" />
      <source>by hand</source>
      <translation>手动</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="21" />
      <source>on closing</source>
      <translation>关闭时</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="22" />
      <source>daily</source>
      <translation>每日</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="23" />
      <source>before an upgrade</source>
      <translation>升级前</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="24" />
      <source>before a restore</source>
      <translation>恢复前</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="35" />
      <source>Backups</source>
      <translation>备份</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="38" />
      <source>Taken</source>
      <translation>备份时间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="39" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="40" />
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="49" />
      <source>Back up now</source>
      <translation>立即备份</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="50" />
      <source>Back up to USB stick…</source>
      <translation>备份到U盘…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="51" />
      <source>Restore…</source>
      <translation>恢复…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="79" />
      <source>Backup written and verified: %1</source>
      <translation>备份已写入并校验：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="83" />
      <source>Choose the USB stick or folder</source>
      <translation>选择U盘或文件夹</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="90" />
      <location filename="../schooldesk/ui/pages/backups_box.py" line="95" />
      <source>Restore</source>
      <translation>恢复</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="90" />
      <source>Choose a backup in the list first.</source>
      <translation>请先在列表中选择一个备份。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="92" />
      <source>Replace all current data with the backup taken %1?

The current data is backed up first, so this can be undone.</source>
      <translation>用 %1 的备份替换当前全部数据吗？

替换前会先备份当前数据，可以撤销。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="105" />
      <source>Backup restored.</source>
      <translation>备份已恢复。</translation>
    </message>
  </context>
  <context>
    <name>ClassDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="17" />
      <source>Edit class</source>
      <translation>编辑班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="17" />
      <source>New class</source>
      <translation>新建班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="20" />
      <source>&amp;Grade</source>
      <translation>年级(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="22" />
      <source>Class &amp;number</source>
      <translation>班号(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="24" />
      <source>&amp;Name</source>
      <translation>名称(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="25" />
      <source>&amp;Head teacher</source>
      <translation>班主任(&amp;H)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="27" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
  </context>
  <context>
    <name>ClassesPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="18" />
      <source>Class</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="19" />
      <source>Grade</source>
      <translation>年级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="20" />
      <source>Number</source>
      <translation>班号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="21" />
      <source>Head teacher</source>
      <translation>班主任</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="22" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="22" />
      <source>Active</source>
      <translation>在用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="22" />
      <source>Inactive</source>
      <translation>已停用</translation>
    </message>
  </context>
  <context>
    <name>CommandLine</name>
    <message>
      <location filename="../schooldesk/cli.py" line="36" />
      <source>Command line error: %1. Run “schooldesk --help” for help.</source>
      <translation>命令行错误：%1。运行“schooldesk --help”查看帮助。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="120" />
      <source>Unexpected error (%1). Please report it with the steps that led to it.</source>
      <translation>发生意外错误（%1）。请连同出错前的操作步骤一起报告。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="151" />
      <source>School “%1” set up in %2.</source>
      <translation>已在 %2 建立学校“%1”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="164" />
      <source>Demo school “%1” created in %2.</source>
      <translation>已在 %2 建立演示学校“%1”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="165" />
      <source>Log in as %1 with the password %2.</source>
      <translation>请用用户名 %1、密码 %2 登录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="187" />
      <source>Database: %1</source>
      <translation>数据库：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="188" />
      <source>Schema version: %1 (expected %2)</source>
      <translation>结构版本：%1（应为 %2）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="190" />
      <source>Integrity check: %1</source>
      <translation>完整性检查：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="191" />
      <source>Foreign key problems: %1</source>
      <translation>外键问题：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="195" />
      <source>The database is healthy.</source>
      <translation>数据库状态良好。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="197" />
      <source>The database has problems: make no changes and restore a backup or ask for help.</source>
      <translation>数据库有问题：请不要再修改数据，恢复备份或寻求帮助。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="214" />
      <source>Backup written and verified: %1 (%2 bytes)</source>
      <translation>备份已写入并校验：%1（%2 字节）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="230" />
      <source>Restored %1.</source>
      <translation>已恢复 %1。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="232" />
      <source>The database as it was before is kept in %1.</source>
      <translation>恢复前的数据库保存在 %1。</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../schooldesk/cli.py" line="131" />
      <source>The password file %1 cannot be read: %2</source>
      <translation>无法读取密码文件 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli.py" line="176" />
      <location filename="../schooldesk/cli.py" line="209" />
      <source>There is no SchoolDesk database at %1.</source>
      <translation>%1 处没有 SchoolDesk 数据库。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/database.py" line="60" />
      <source>The database was damaged. It was moved to %1 and nothing in it was overwritten.</source>
      <translation>数据库已损坏。它已被移到 %1，其中的内容没有被覆盖。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/database.py" line="85" />
      <source>The data folder %1 cannot be created: %2</source>
      <translation>无法创建数据文件夹 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="16" />
      <location filename="../schooldesk/db/failures.py" line="17" />
      <source>The database file %1 is damaged or is not a SchoolDesk database.</source>
      <translation>数据库文件 %1 已损坏，或不是 SchoolDesk 数据库。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="18" />
      <source>The database %1 is busy in another program. Close it and try again.</source>
      <translation>数据库 %1 正被其他程序占用。请关闭该程序后重试。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="19" />
      <source>The database %1 cannot be opened. Check that the folder exists and you may write to it.</source>
      <translation>无法打开数据库 %1。请检查文件夹是否存在、是否有写入权限。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="20" />
      <source>The database %1 is read-only. Check the file's permissions.</source>
      <translation>数据库 %1 是只读的。请检查文件权限。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="21" />
      <source>The disk holding %1 is full. Free some space and try again.</source>
      <translation>%1 所在的磁盘已满。请腾出空间后重试。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="22" />
      <source>The disk holding %1 could not be read or written.</source>
      <translation>%1 所在的磁盘无法读写。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/grades.py" line="23" />
      <source>The grade must be between 1 and 9.</source>
      <translation>年级必须在 1 到 9 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/grades.py" line="31" />
      <source>The class number must be between 1 and %1.</source>
      <translation>班号必须在 1 到 %1 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/people.py" line="21" />
      <source>Enter a name.</source>
      <translation>请填写姓名。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/people.py" line="24" />
      <source>A name can have at most %1 characters.</source>
      <translation>姓名最多 %1 个字。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/people.py" line="31" />
      <source>Choose 男 or 女.</source>
      <translation>请选择“男”或“女”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/people.py" line="40" />
      <source>A phone number has 7 to 20 digits (dashes allowed).</source>
      <translation>电话号码应为 7 到 20 位数字（可含短横线）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/school_code.py" line="28" />
      <source>Enter the 10-digit school code.</source>
      <translation>请填写 10 位学校标识码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/school_code.py" line="31" />
      <source>The school code has exactly 10 digits (you entered %1 characters).</source>
      <translation>学校标识码应为 10 位数字（您输入了 %1 个字符）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/school_code.py" line="35" />
      <source>The school code's first two digits (%1) are not a school kind.</source>
      <translation>学校标识码前两位（%1）不是有效的学校类别码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/school_code.py" line="39" />
      <source>The school code's 3rd and 4th digits (%1) are not a province.</source>
      <translation>学校标识码第 3、4 位（%1）不是有效的省级行政区划代码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="53" />
      <source>“%1” is not a semester; write it like 2025-2026-1.</source>
      <translation>“%1”不是有效的学期，请写成 2025-2026-1 的形式。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="94" />
      <source>The school year must be between %1 and %2.</source>
      <translation>学年必须在 %1 到 %2 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="107" />
      <source>The term must end after it starts.</source>
      <translation>学期结束日期必须晚于开始日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="111" />
      <source>A term cannot be longer than %1 days.</source>
      <translation>一个学期不能超过 %1 天。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="116" />
      <source>The term's dates must lie between July %1 and August %2.</source>
      <translation>学期日期必须在 %1 年 7 月到 %2 年 8 月之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="122" />
      <source>The second term must start after the first term ends.</source>
      <translation>第二学期必须在第一学期结束之后开始。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/accounts.py" line="23" />
      <source>Enter a user name.</source>
      <translation>请填写用户名。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/accounts.py" line="26" />
      <source>A user name has at most 50 characters and no spaces.</source>
      <translation>用户名最多 50 个字符，且不能含空格。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/accounts.py" line="34" />
      <source>The password needs at least %1 characters.</source>
      <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/accounts.py" line="44" />
      <source>The user name %1 is taken.</source>
      <translation>用户名 %1 已被使用。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/classes.py" line="34" />
      <source>The class name is too long.</source>
      <translation>班级名称太长。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/classes.py" line="44" />
      <source>%1 already exists in this school year.</source>
      <translation>本学年已有%1。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/classes.py" line="50" />
      <source>Choose an active teacher.</source>
      <translation>请选择一位在职教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/classes.py" line="57" />
      <source>The class no longer exists.</source>
      <translation>该班级已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school.py" line="22" />
      <source>Enter the school's name.</source>
      <translation>请填写学校名称。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school.py" line="24" />
      <source>The school's name is too long.</source>
      <translation>学校名称太长。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school.py" line="69" />
      <source>The school has not been set up yet.</source>
      <translation>尚未设置学校信息。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/setup.py" line="35" />
      <source>This data folder already holds a school; nothing was changed.</source>
      <translation>此数据文件夹中已有学校，未做任何修改。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teachers.py" line="27" />
      <source>The list of subjects is too long.</source>
      <translation>任教学科太长。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teachers.py" line="30" />
      <source>Choose a title from the list.</source>
      <translation>请从列表中选择职称。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teachers.py" line="43" />
      <source>The teacher no longer exists.</source>
      <translation>该教师已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="78" />
      <source>The two passwords differ.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/backups.py" line="83" />
      <source>The backup could not be written to %1: %2</source>
      <translation>备份无法写入 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/backups.py" line="88" />
      <source>The backup copy in %1 failed its check and was removed.</source>
      <translation>%1 中的备份副本未通过校验，已删除。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/backups.py" line="134" />
      <source>%1 is not a sound SchoolDesk backup; nothing was changed.</source>
      <translation>%1 不是完好的 SchoolDesk 备份，未做任何修改。</translation>
    </message>
    <message>
      <location filename="../schooldesk/instance_lock.py" line="21" />
      <source>SchoolDesk is already open on this data folder (%1). Use that window, or close it first.</source>
      <translation>SchoolDesk 已经在使用这个数据文件夹（%1）。请使用已打开的窗口，或先将其关闭。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/login.py" line="21" />
      <source>The user name or password is wrong.</source>
      <translation>用户名或密码错误。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/login.py" line="62" />
      <source>Too many wrong passwords: this account is locked. Try again in %1 minutes.</source>
      <translation>密码错误次数过多，账户已锁定。请 %1 分钟后再试。</translation>
    </message>
  </context>
  <context>
    <name>Health</name>
    <message>
      <location filename="../schooldesk/services/health.py" line="17" />
      <source>schools</source>
      <translation>学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="18" />
      <source>semesters</source>
      <translation>学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="19" />
      <source>teachers</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="20" />
      <source>classes</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="21" />
      <source>users</source>
      <translation>用户</translation>
    </message>
  </context>
  <context>
    <name>HomePage</name>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="28" />
      <source>Active teachers:</source>
      <translation>在职教师：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="29" />
      <source>Classes this school year:</source>
      <translation>本学年班级：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="46" />
      <source>Current semester: %1 (%2 to %3)</source>
      <translation>当前学期：%1（%2 至 %3）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="48" />
      <source>No semester has been set up.</source>
      <translation>尚未设置学期。</translation>
    </message>
  </context>
  <context>
    <name>ListPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="34" />
      <source>Find (Ctrl+F)</source>
      <translation>查找（Ctrl+F）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="36" />
      <source>Show inactive</source>
      <translation>显示已停用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="38" />
      <source>&amp;New…</source>
      <translation>新建(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="39" />
      <source>&amp;Edit…</source>
      <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="40" />
      <location filename="../schooldesk/ui/pages/list_page.py" line="132" />
      <source>&amp;Deactivate</source>
      <translation>停用(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="132" />
      <source>&amp;Reactivate</source>
      <translation>恢复启用(&amp;R)</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="20" />
      <source>Sign in — SchoolDesk</source>
      <translation>登录 — SchoolDesk</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="25" />
      <source>&amp;User name</source>
      <translation>用户名(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="26" />
      <source>&amp;Password</source>
      <translation>密码(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="33" />
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="33" />
      <source>Home</source>
      <translation>首页</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="34" />
      <source>Teachers</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="35" />
      <source>Classes</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="36" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="56" />
      <source>Data folder: %1</source>
      <translation>数据文件夹：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="59" />
      <source>Signed in: %1</source>
      <translation>已登录：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="67" />
      <source>Ready</source>
      <translation>就绪</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="75" />
      <source>Main toolbar</source>
      <translation>主工具栏</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="79" />
      <source>&amp;New</source>
      <translation>新建(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="80" />
      <source>&amp;Find</source>
      <translation>查找(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="81" />
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="82" />
      <source>&amp;Close</source>
      <translation>关闭(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="83" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="88" />
      <source>Semester: </source>
      <translation>学期：</translation>
    </message>
  </context>
  <context>
    <name>SchoolForm</name>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="34" />
      <source>School &amp;name</source>
      <translation>学校名称(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="34" />
      <source>School &amp;code (学校标识码)</source>
      <translation>学校标识码(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="34" />
      <source>&amp;County</source>
      <translation>所属县区(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="35" />
      <source>&amp;Township</source>
      <translation>所属乡镇(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="35" />
      <source>&amp;Address</source>
      <translation>地址(&amp;A)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="35" />
      <source>&amp;Principal</source>
      <translation>校长(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="35" />
      <source>P&amp;hone</source>
      <translation>电话(&amp;H)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="37" />
      <source>10 digits, e.g. 2141051203</source>
      <translation>10 位数字，例如 2141051203</translation>
    </message>
  </context>
  <context>
    <name>SchoolPage</name>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="39" />
      <source>Your school</source>
      <translation>学校信息</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="39" />
      <source>These details print on every document sent to the bureau.</source>
      <translation>这些信息会印在报送教育局的每一份材料上。</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="29" />
      <source>Save school details</source>
      <translation>保存学校信息</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="32" />
      <source>School</source>
      <translation>学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="38" />
      <source>Save term dates</source>
      <translation>保存学期日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="41" />
      <source>School years and terms</source>
      <translation>学年与学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="51" />
      <source>Interface language (applies after restart):</source>
      <translation>界面语言（重启后生效）：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="81" />
      <source>School details saved.</source>
      <translation>学校信息已保存。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="86" />
      <source>Term dates of %1 saved.</source>
      <translation>%1的学期日期已保存。</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="95" />
      <source>Set up SchoolDesk</source>
      <translation>设置 SchoolDesk</translation>
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <location filename="../schooldesk/ui/startup.py" line="23" />
      <source>There is no good backup. SchoolDesk will start with an empty database.</source>
      <translation>没有完好的备份。SchoolDesk 将以空数据库启动。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/startup.py" line="26" />
      <source>%1

Restore the newest good backup, %2?

Choose No to start with an empty database.</source>
      <translation>%1

要恢复最新的完好备份 %2 吗？

选择“否”将以空数据库启动。</translation>
    </message>
  </context>
  <context>
    <name>TeacherDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="15" />
      <source>Edit teacher</source>
      <translation>编辑教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="15" />
      <source>New teacher</source>
      <translation>新增教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="18" />
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="19" />
      <source>&amp;Gender</source>
      <translation>性别(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="21" />
      <source>&amp;Subjects</source>
      <translation>任教学科(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="22" />
      <source>e.g. 语文、数学</source>
      <translation>例如：语文、数学</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="23" />
      <source>&amp;Title</source>
      <translation>职称(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="25" />
      <source>&amp;Phone</source>
      <translation>电话(&amp;P)</translation>
    </message>
  </context>
  <context>
    <name>TeachersPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="17" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="18" />
      <source>Gender</source>
      <translation>性别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="19" />
      <source>Subjects</source>
      <translation>任教学科</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="20" />
      <source>Title</source>
      <translation>职称</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="21" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="22" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="22" />
      <source>Active</source>
      <translation>在用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="22" />
      <source>Inactive</source>
      <translation>已停用</translation>
    </message>
  </context>
  <context>
    <name>TermForm</name>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="52" />
      <source>School &amp;year starting in</source>
      <translation>学年起始年份(&amp;Y)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="54" />
      <source>First term starts</source>
      <translation>第一学期开始</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="55" />
      <source>First term ends</source>
      <translation>第一学期结束</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="56" />
      <source>Second term starts</source>
      <translation>第二学期开始</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="57" />
      <source>Second term ends</source>
      <translation>第二学期结束</translation>
    </message>
  </context>
  <context>
    <name>TermsPage</name>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="48" />
      <source>School year and terms</source>
      <translation>学年和学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="49" />
      <source>Records are filed by term according to their dates. You can add more years later.</source>
      <translation>各项记录按日期归入学期。以后可以在“设置”中添加其他学年。</translation>
    </message>
  </context>
</TS>